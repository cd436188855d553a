import dayjsConfig from '@rc-component/picker/generate/dayjs';
import { DatePicker as AntDatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { deskNow } from './deskTime';

/**
 * Ant Design's date picker (and its range, month and week pickers) whose today is the desk's:
 * the day the calendar marks, and what its 今天 and 此刻 buttons fill in, are read from the
 * desk's clock at the site's wall clock, so a PC set to the wrong zone, or a browser-mode
 * screen on another PC, dates nothing by its own clock. Every screen takes its pickers from here.
 */
export const DatePicker = AntDatePicker.generatePicker<Dayjs>({ ...dayjsConfig, getNow: deskNow });
