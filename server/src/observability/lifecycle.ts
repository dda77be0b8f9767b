import { Injectable } from '@nestjs/common';

/**
 * Where this instance is in its life: once it drains (SIGTERM), `/api/health/ready` answers 503
 * so a load balancer stops sending it new work, and responses close their connections.
 */
@Injectable()
export class Lifecycle {
  private drainingSince: number | null = null;

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  startDraining(): void {
    this.drainingSince ??= Date.now();
  }
}
