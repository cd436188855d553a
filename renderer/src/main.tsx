import './styles.css';
import { createRoot } from 'react-dom/client';
import { Root } from './app/Root';

createRoot(document.getElementById('root')!).render(<Root />);
