import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { UserEventName } from '@sidang/shared';
import { Subject } from 'rxjs';

/**
 * Something new for one user, by id only: the id of what to deliver, whose it is, and which
 * socket event it becomes (a notification unless named: one's own private note).
 */
export interface UserNotice {
  userId: string;
  id: string;
  event?: UserEventName;
}

/** This node's sockets of one user, as the realtime gateway lends them. */
export interface UserSockets {
  has(userId: string): boolean;
  emit(userId: string, payload: unknown, event?: UserEventName): void;
}

/**
 * After-commit signal addressed to one user rather than to a committee (a notification). The
 * producer `announce`s ids once its transaction committed; with a fan-out attached (Redis) every
 * node receives them, otherwise this node does. Each node then `arrivals$` them, and its
 * consumer reads the payload for the user as they may see it and hands it to `sockets`. Only ids
 * travel between nodes.
 */
@Injectable()
export class UserBus implements OnModuleDestroy {
  private readonly arrived = new Subject<UserNotice>();
  readonly arrivals$ = this.arrived.asObservable();
  private fanout: ((notice: UserNotice) => void) | null = null;
  private sockets: UserSockets | null = null;

  announce(notice: UserNotice): void {
    if (this.fanout) this.fanout(notice);
    else this.arrive(notice);
  }

  /** A notice reached this node (from its own producer, or from the fan-out). */
  arrive(notice: UserNotice): void {
    this.arrived.next(notice);
  }

  /** Every node hears what any node announces (the fan-out delivers it to each, this one included). */
  attachFanout(fanout: (notice: UserNotice) => void): void {
    this.fanout = fanout;
  }

  attachSockets(sockets: UserSockets): void {
    this.sockets = sockets;
  }

  /** Whether the user has a socket on this node to deliver to. */
  hasSockets(userId: string): boolean {
    return this.sockets?.has(userId) ?? false;
  }

  emit(userId: string, payload: unknown, event?: UserEventName): void {
    this.sockets?.emit(userId, payload, event);
  }

  onModuleDestroy(): void {
    this.arrived.complete();
  }
}
