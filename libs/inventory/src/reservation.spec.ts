import { warehouse } from '@lotbridge/lot';
import { availableQuantity, heldQuantity, LotReservation, reservationProblems, supersedes } from './reservation';

const reservation: LotReservation = {
  reservationId: 'OL-1|MAT|B|warehouse:DE01/MAIN',
  version: 1,
  orderLineId: 'OL-1',
  item: 'MAT',
  batchNumber: ' B 01',
  location: warehouse('DE01', 'MAIN'),
  quantity: '12.5',
  unit: 'KGM',
  state: 'reserved',
  changedAt: '2026-01-01T10:00:00.000Z',
};

describe('reservations kept by inventory', () => {
  it('accepts a reservation of warehouse stock and names every problem of a bad one', () => {
    expect(reservationProblems(reservation)).toEqual([]);
    expect(reservationProblems({ ...reservation, quantity: '-1', location: { kind: 'customer', code: 'C1' }, batchNumber: '' })).toEqual([
      'batch number is empty',
      'location customer:C1 is not a warehouse: only warehouse stock is reserved',
      'quantity "-1" is negative',
    ]);
  });

  it('holds its quantity only while reserved', () => {
    expect(heldQuantity(reservation)).toBe('12.5');
    expect(heldQuantity({ ...reservation, state: 'released' })).toBe('0');
    expect(heldQuantity({ ...reservation, state: 'consumed' })).toBe('0');
  });

  it('lets a higher version replace the kept one, never an equal or lower one', () => {
    expect(supersedes({ version: 2 }, { version: 1 })).toBe(true);
    expect(supersedes({ version: 1 }, { version: 1 })).toBe(false);
    expect(supersedes({ version: 0 }, { version: 1 })).toBe(false);
    expect(supersedes({ version: 0 }, undefined)).toBe(true);
  });

  it('shows available stock exactly, also below zero', () => {
    expect(availableQuantity('10', '2.5')).toBe('7.5');
    expect(availableQuantity('1', '2.5')).toBe('-1.5');
  });
});
