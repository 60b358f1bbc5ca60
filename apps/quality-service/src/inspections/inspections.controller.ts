import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { InspectionPlan, LotRef, QualityError, readInspectionPlan, readLotRef } from '@lotbridge/quality';
import { InspectionView, InspectionsService, readCertificate } from './inspections.service';

type Body = Record<string, unknown> | undefined;

function requiredText(body: Body, field: string): string {
  const value = body?.[field];
  if (typeof value !== 'string' || value.trim() === '') throw new QualityError('QUALITY.INVALID_REQUEST', `${field} must be a non-empty string`);
  return value;
}

@Controller()
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  /** PUT /items/{item}/inspection-plan {"required":true,"characteristics":[{"name":"moisture","unit":"%","upperLimit":"12.5"}]} */
  @Put('items/:item/inspection-plan')
  setPlan(@Param('item') item: string, @Body() body: unknown): Promise<InspectionPlan> {
    return this.inspections.setPlan(readInspectionPlan(item, body));
  }

  @Get('items/:item/inspection-plan')
  plan(@Param('item') item: string): Promise<InspectionPlan> {
    return this.inspections.plan(item);
  }

  /** POST /inspections {"item","batchNumber","by","certificateOfAnalysis"?}: an inspection of a lot outside receipt (re-test, complaint) */
  @Post('inspections')
  @HttpCode(201)
  create(@Body() body: Body): Promise<InspectionView> {
    const problems: string[] = [];
    const lot: LotRef = readLotRef(body, '', problems);
    if (problems.length > 0) throw new QualityError('QUALITY.INVALID_REQUEST', problems.join('; '));
    return this.inspections.create(lot, requiredText(body, 'by'), readCertificate(body?.['certificateOfAnalysis']));
  }

  @Get('inspections')
  find(@Query('item') item?: string, @Query('batchNumber') batchNumber?: string): Promise<InspectionView[]> {
    return this.inspections.find({ item, batchNumber });
  }

  @Get('inspections/:id')
  get(@Param('id') id: string): Promise<InspectionView> {
    return this.inspections.get(id);
  }

  /** POST /inspections/{id}/results {"by","results":[{"characteristic","value","unit"?,"conforms"?}]} */
  @Post('inspections/:id/results')
  @HttpCode(200)
  results(@Param('id') id: string, @Body() body: Body): Promise<InspectionView> {
    const results = body?.['results'];
    const valid = Array.isArray(results) && results.length > 0 && results.every((entry: Record<string, unknown>) => typeof entry?.['characteristic'] === 'string' && typeof entry['value'] === 'string');
    if (!valid) throw new QualityError('QUALITY.INVALID_REQUEST', 'results must be a non-empty list of {"characteristic":"…","value":"…"} (values as text, numbers as exact decimal strings)');
    return this.inspections.recordResults(id, requiredText(body, 'by'), results as { characteristic: string; value: string; unit?: string; conforms?: boolean }[]);
  }

  /** POST /inspections/{id}/usage-decision {"decision":"accept"|"reject","by","reason","certificateOfAnalysis"?} */
  @Post('inspections/:id/usage-decision')
  @HttpCode(200)
  decide(@Param('id') id: string, @Body() body: Body): Promise<InspectionView> {
    const decision = body?.['decision'];
    if (decision !== 'accept' && decision !== 'reject') throw new QualityError('QUALITY.INVALID_REQUEST', 'decision must be "accept" or "reject"');
    return this.inspections.decide(id, decision, requiredText(body, 'by'), requiredText(body, 'reason'), readCertificate(body?.['certificateOfAnalysis']));
  }
}
