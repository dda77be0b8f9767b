import { Controller, Get } from '@nestjs/common';
import type { ValueChainStage } from '@sidang/shared';
import { RndService } from './rnd.service.js';

/** The value-chain stages; the register's records have the generic controllers (registers.module.ts). */
@Controller()
export class RndController {
  constructor(private readonly rnd: RndService) {}

  @Get('value-chain-stages')
  stages(): Promise<ValueChainStage[]> {
    return this.rnd.stages();
  }
}
