import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ValueChainStage } from '@sidang/shared';
import type { DataSource } from 'typeorm';
import { toValueChainStage } from './rnd.mapper.js';
import { ValueChainStageEntity } from './value-chain-stage.entity.js';

/** The value-chain stages; the register's records have the generic service (RegisterRecords). */
@Injectable()
export class RndService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async stages(): Promise<ValueChainStage[]> {
    const rows = await this.dataSource.manager.find(ValueChainStageEntity, { order: { position: 'ASC' } });
    return rows.map(toValueChainStage);
  }
}
