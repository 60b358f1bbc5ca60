import { Controller, Get } from '@nestjs/common';

/** GET /health: the process is up and serving HTTP (used by scripts and container healthchecks). */
@Controller('health')
export class HealthController {
  @Get()
  health(): { status: 'up' } {
    return { status: 'up' };
  }
}
