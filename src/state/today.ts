// "Today" on this device, as `YYYY-MM-DD` in local time.
import { localIso } from '../domain/dates';

export const todayIso = (): string => localIso(new Date());
