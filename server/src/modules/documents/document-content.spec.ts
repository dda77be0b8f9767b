import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { contentDisposition, detectKind, safeFileName, titleFromFileName } from './document-content.js';

describe('document content checks', () => {
  let dir: string;
  let serial = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidang-content-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const kindOf = async (bytes: Buffer, name = 'file') => {
    serial += 1;
    const path = join(dir, String(serial));
    await writeFile(path, bytes);
    return detectKind(path, bytes.length, name);
  };

  it('should recognise the allowlisted kinds by their content', async () => {
    expect((await kindOf(Buffer.from('%PDF-1.7\n...')))?.kind).toBe('pdf');
    expect((await kindOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])))?.kind).toBe('jpeg');
    const zip = (names: string[]) => Buffer.from(`PK\u0003\u0004${names.join('....')}`, 'latin1');
    expect((await kindOf(zip(['[Content_Types].xml', 'xl/workbook.xml'])))?.kind).toBe('xlsx');
    expect((await kindOf(zip(['[Content_Types].xml', 'ppt/presentation.xml'])))?.kind).toBe('pptx');
    expect(await kindOf(Buffer.from('negeri,tan\nPerak,1690000\n'), 'sumber.CSV')).toEqual({
      kind: 'csv',
      text: 'negeri,tan\nPerak,1690000\n',
    });
    expect(await kindOf(Buffer.from('Minit mesyuarat — ringkasan\n'), 'nota.txt')).toEqual({
      kind: 'text',
      text: 'Minit mesyuarat — ringkasan\n',
    });
  });

  it('should refuse executables, archives that are not Office files, and text that does not decode', async () => {
    expect(await kindOf(Buffer.from('MZ\u0090\u0000', 'latin1'), 'report.pdf')).toBeUndefined();
    expect(await kindOf(Buffer.from('\u007fELF\u0002\u0001', 'latin1'), 'notes.txt')).toBeUndefined();
    expect(await kindOf(Buffer.from('PK\u0003\u0004word/document.xml', 'latin1'), 'a.docx')).toBeUndefined();
    expect(await kindOf(Buffer.from([0x68, 0x69, 0xc3, 0x28]), 'a.txt')).toBeUndefined();
    expect(await kindOf(Buffer.from('ok\u0001bad'), 'a.txt')).toBeUndefined();
    expect(await kindOf(Buffer.from('#!/bin/sh\u0000rm'), 'a.txt')).toBeUndefined();
  });

  it('should make file names safe and give them the extension of their kind', () => {
    expect(safeFileName('..\\..\\Windows\\evil.pdf', 'pdf')).toBe('evil.pdf');
    expect(safeFileName('laporan\u202Efdp.exe', 'pdf')).toBe('laporanfdp.exe.pdf');
    expect(safeFileName('  .hidden<>.txt ', 'text')).toBe('hidden__.txt');
    expect(safeFileName('', 'png')).toBe('document.png');
    expect(safeFileName(Buffer.from('Kertas Kerja — Rundingan.pdf').toString('latin1'), 'pdf')).toBe('Kertas Kerja — Rundingan.pdf');
    expect(safeFileName(`${'a'.repeat(400)}.docx`, 'docx')).toHaveLength(200);
    expect(titleFromFileName('Kertas Kerja 1.pdf')).toBe('Kertas Kerja 1');
  });

  it('should give an ASCII fallback and the exact UTF-8 name in Content-Disposition', () => {
    expect(contentDisposition('Kertas "Kerja" — 1.pdf')).toBe(
      `attachment; filename="Kertas _Kerja_ _ 1.pdf"; filename*=UTF-8''Kertas%20%22Kerja%22%20%E2%80%94%201.pdf`,
    );
  });
});
