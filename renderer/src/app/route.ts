import { useEffect, useState } from 'react';

/**
 * Hash routes (#/settings/staff): they survive a reload in both Electron (custom scheme)
 * and browser mode without any server-side routing.
 */
export function currentPath(): string {
  return window.location.hash.replace(/^#/, '') || '/home';
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function useRoute(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const on = () => setPath(currentPath());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return path;
}
