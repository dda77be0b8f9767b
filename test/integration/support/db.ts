import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { TestApp } from './harness.js';

/** The app's own data source, for asserting on what was stored. */
export function sql(app: TestApp): { dataSource: DataSource } {
  return { dataSource: app.app.get<DataSource>(getDataSourceToken()) };
}
