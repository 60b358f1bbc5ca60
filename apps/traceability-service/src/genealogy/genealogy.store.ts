import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Genealogy } from '@lotbridge/genealogy';
import { LotMovement } from '@lotbridge/lot';
import { MovementRepository } from '../persistence/movement.repository';

const REBUILD_PAGE = 10_000;

/**
 * The genealogy of every lot in memory (libs/genealogy), PostgreSQL staying the store of record: rebuilt from
 * trace_movement at start, then fed each movement after its row has committed. Apply is idempotent by movement id,
 * so a movement stored while the rebuild runs and applied again after its commit is counted once.
 */
@Injectable()
export class GenealogyStore implements OnModuleInit {
  private readonly logger = new Logger(GenealogyStore.name);
  private readonly genealogy = new Genealogy();
  private loading: Promise<Genealogy> | undefined;

  constructor(private readonly movements: MovementRepository) {}

  onModuleInit(): Promise<Genealogy> {
    return this.ready();
  }

  /** The genealogy once the rebuild has finished (a failed rebuild is tried again by the next caller). */
  ready(): Promise<Genealogy> {
    this.loading ??= this.rebuild().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  async apply(movements: readonly LotMovement[]): Promise<void> {
    const genealogy = await this.ready();
    for (const movement of movements) {
      const outcome = genealogy.apply(movement);
      if (outcome.outcome === 'rejected') this.logger.error(`movement ${movement.movementId} stored but refused by the genealogy: ${outcome.problems.join('; ')}`);
    }
  }

  private async rebuild(): Promise<Genealogy> {
    const started = Date.now();
    let after = 0n;
    for (;;) {
      const page = await this.movements.page(after, REBUILD_PAGE);
      for (const { movement } of page) this.genealogy.apply(movement);
      if (page.length < REBUILD_PAGE) break;
      after = page[page.length - 1]?.seq ?? after;
    }
    this.logger.log(`genealogy rebuilt from trace_movement in ${Date.now() - started} ms: ${JSON.stringify(this.genealogy.stats())}`);
    return this.genealogy;
  }
}
