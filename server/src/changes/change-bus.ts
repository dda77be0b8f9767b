import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { ChangeEventEntity } from './change-event.entity.js';

/** Told after a commit: the committee whose log grew, its newest seq and the events committed. */
export interface Committed {
  committeeId: string;
  seq: number;
  /** The rows just committed, in seq order: lets a relay skip re-reading them. */
  events: readonly ChangeEventEntity[];
}

/**
 * In-process signal from the pipeline to whoever relays changes (the realtime publisher),
 * sent only after commit. Relays use the events only when they continue their cursor without a
 * gap; otherwise they read the committed log, so nothing can be reordered or skipped.
 */
@Injectable()
export class ChangeBus implements OnModuleDestroy {
  private readonly subject = new Subject<Committed>();
  readonly committed$ = this.subject.asObservable();

  publish(committed: Committed): void {
    this.subject.next(committed);
  }

  onModuleDestroy(): void {
    this.subject.complete();
  }
}
