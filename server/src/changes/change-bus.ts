import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Subject } from 'rxjs';

/** Told after a commit: the committee whose log grew, and its newest seq. */
export interface Committed {
  committeeId: string;
  seq: number;
}

/**
 * In-process signal from the pipeline to whoever relays changes (the realtime publisher).
 * It carries no record: relays read the committed log, so nothing here can leak or reorder.
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
