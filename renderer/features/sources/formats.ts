import { DATE_ORDERS, type DateOrder } from '../../../common/domain/model';

const DATE_ORDER_NAMES: Readonly<Record<DateOrder, string>> = {
  dmy: 'Day/month/year',
  mdy: 'Month/day/year',
  ymd: 'Year/month/day',
};

export const isDateOrder = (value: string): value is DateOrder => (DATE_ORDERS as readonly string[]).includes(value);

/** "Day/month/year, worked out from the dates", or why the question does not arise. */
export function describeDateOrder(order: DateOrder | null, basis: 'inferred' | 'given' | null): string {
  if (order === null) return 'Not needed: the export writes unambiguous dates';
  const how = basis === 'given' ? 'chosen at import' : basis === 'inferred' ? 'worked out from the dates' : 'basis not recorded';
  return `${DATE_ORDER_NAMES[order]}, ${how}`;
}
