import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { compareQuantities, quantityProblem } from '@lotbridge/lot';
import { httpError } from '../http/http-error';
import { StockRepository } from '../persistence/stock.repository';
import { AlertEvaluator, EvaluationResult } from './alert-evaluator.service';

const INVALID = 'INVENTORY.INVALID_ALERT_SETTING';

@Controller()
export class AlertSettingsController {
  constructor(
    private readonly stock: StockRepository,
    private readonly evaluator: AlertEvaluator,
  ) {}

  /** PUT /items/:item/alert-settings {"nearExpiryDays":14,"slowMovingDays":60}; item "*" sets the default; slowMovingDays null: not watched */
  @Put('items/:item/alert-settings')
  async setAlertSettings(@Param('item') item: string, @Body() body: { nearExpiryDays?: unknown; slowMovingDays?: unknown }): Promise<{ item: string; nearExpiryDays: number; slowMovingDays: number | null }> {
    const nearExpiryDays = days(body?.nearExpiryDays, 'nearExpiryDays');
    const slowMovingDays = body?.slowMovingDays === null || body?.slowMovingDays === undefined ? null : days(body.slowMovingDays, 'slowMovingDays');
    await this.stock.transaction((tx) =>
      tx.$execute(
        `INSERT INTO item_alert_setting (item, near_expiry_days, slow_moving_days) VALUES ($1, $2, $3)
         ON CONFLICT (item) DO UPDATE SET near_expiry_days = EXCLUDED.near_expiry_days, slow_moving_days = EXCLUDED.slow_moving_days`,
        item, nearExpiryDays, slowMovingDays,
      ),
    );
    this.evaluator.touch(item === '*' ? [] : [item]);
    return { item, nearExpiryDays, slowMovingDays };
  }

  /** PUT /items/:item/safety-stock/:plant {"quantity":"50","unit":"KGM"} */
  @Put('items/:item/safety-stock/:plant')
  async setSafetyStock(@Param('item') item: string, @Param('plant') plant: string, @Body() body: { quantity?: unknown; unit?: unknown }): Promise<{ item: string; plant: string; quantity: string; unit: string }> {
    const quantity = body?.quantity;
    if (typeof quantity !== 'string' || quantityProblem(quantity) || compareQuantities(quantity, '0') < 0) throw httpError(400, INVALID, `quantity must be a decimal string ≥ 0, not ${JSON.stringify(quantity)}`);
    if (typeof body.unit !== 'string' || !body.unit) throw httpError(400, INVALID, 'unit must be a non-empty string');
    const unit = body.unit;
    await this.stock.transaction((tx) =>
      tx.$execute(
        `INSERT INTO safety_stock (item, plant, quantity, unit) VALUES ($1, $2, $3::numeric, $4)
         ON CONFLICT (item, plant) DO UPDATE SET quantity = EXCLUDED.quantity, unit = EXCLUDED.unit`,
        item, plant, quantity, unit,
      ),
    );
    this.evaluator.touch([item]);
    return { item, plant, quantity, unit };
  }

  /** POST /alerts/evaluate: evaluates every alert rule now (the service's clock), as the schedule does. */
  @Post('alerts/evaluate')
  @HttpCode(200)
  async evaluate(): Promise<EvaluationResult> {
    await this.evaluator.settled();
    return this.evaluator.evaluate();
  }
}

function days(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 36_500) throw httpError(400, INVALID, `${field} must be a whole number of days from 0 to 36500, not ${JSON.stringify(value)}`);
  return value;
}
