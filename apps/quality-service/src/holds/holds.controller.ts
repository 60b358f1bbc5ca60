import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { readHoldRequest, readReleaseRequest } from '@lotbridge/quality';
import { HoldView, HoldsService, PlacedHolds } from './holds.service';

@Controller('holds')
export class HoldsController {
  constructor(private readonly holds: HoldsService) {}

  /** POST /holds {"item","batchNumber","reason","by","cascade":true} or {"lots":[…],"reason","by","recallCaseId"} */
  @Post()
  @HttpCode(201)
  place(@Body() body: unknown): Promise<PlacedHolds> {
    return this.holds.place(readHoldRequest(body));
  }

  /** POST /holds/{id}/release {"by","reason"}: the group's first hold releases the whole group */
  @Post(':id/release')
  @HttpCode(200)
  release(@Param('id') id: string, @Body() body: unknown) {
    const { by, reason } = readReleaseRequest(body);
    return this.holds.release(id, by, reason);
  }

  /** GET /holds?item=&batchNumber=&active=true */
  @Get()
  find(@Query('item') item?: string, @Query('batchNumber') batchNumber?: string, @Query('active') active?: string): Promise<HoldView[]> {
    return this.holds.find({ item, batchNumber, activeOnly: active === 'true' });
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<HoldView> {
    return this.holds.get(id);
  }
}
