import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { AgendaItem, Classification } from '@sidang/shared';
import type { Actor } from '../access/actor.js';
import { DocumentsService } from '../modules/documents/documents.service.js';

/** A one-page PDF of plain lines (Helvetica, ASCII), small and well-formed: demo content only. */
export function onePagePdf(lines: string[]): Buffer {
  const pdfText = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
  const content = `BT /F1 11 Tf 56 790 Td 16 TL ${lines.map((line) => `(${pdfText(line)}) Tj T*`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * Papers of the next meeting's agenda, uploaded through the documents service like any other
 * (type check, storage, change pipeline). Illustrative content, marked as such.
 */
export async function seedDemoPapers(app: INestApplication, committeeId: string, secretariat: Actor, items: AgendaItem[]): Promise<void> {
  const documents = app.get(DocumentsService);
  const [magnet, resource] = items;
  if (!magnet || !resource) return;
  const papers: Array<{
    parent: AgendaItem;
    fileName: string;
    title: string;
    presenter?: string;
    classification: Classification;
    content: Buffer;
  }> = [
    {
      parent: magnet,
      fileName: 'Kertas Kerja 1 - Pakej insentif loji magnet NdFeB.pdf',
      title: 'Kertas Kerja 1: Pakej insentif loji magnet NdFeB, Gebeng',
      presenter: 'MIDA',
      classification: 'CONFIDENTIAL',
      content: onePagePdf([
        'SULIT - illustrative demo paper',
        'Kertas Kerja 1: Incentive package for the 3,000 t/yr NdFeB magnet plant, Gebeng',
        'Presenter: MIDA',
        "1. Purpose: to seek the committee's view on the incentive envelope.",
        '2. Background: first dysprosium oxide produced at Gebeng in May 2025;',
        '   a magnet plant with a Korean partner is planned.',
        '3. For decision: the incentive package in section 4.',
      ]),
    },
    {
      parent: resource,
      fileName: 'Kertas Kerja 2 - Program pengesahan sumber.pdf',
      title: 'Kertas Kerja 2: Program pengesahan sumber 16.1 Mt',
      presenter: 'JMG',
      classification: 'RESTRICTED',
      content: onePagePdf([
        'TERHAD - illustrative demo paper',
        'Kertas Kerja 2: Validation programme for the 16.1 Mt inferred resource',
        'Presenter: JMG',
        '1. The 2019 preliminary estimate (16.1 Mt, inferred) is still to be validated.',
        '2. Keep "resource" and "reserve" apart in every public statement.',
        '3. Proposed: drilling and assay programme by state, 2026-2028.',
      ]),
    },
    {
      parent: resource,
      fileName: 'Sumber REE mengikut negeri.csv',
      title: 'Lampiran: Sumber REE bukan radioaktif mengikut negeri (t REO)',
      classification: 'RESTRICTED',
      content: Buffer.from(
        'negeri,sumber_t_reo,catatan\nTerengganu,7190000,inferred (2019)\nKelantan,2560000,inferred (2019)\nPerak,1690000,inferred (2019)\nKedah,1260000,inferred (2019)\nPahang,1250000,inferred (2019)\n',
      ),
    },
  ];
  for (const paper of papers) {
    const path = join(tmpdir(), `sidang-demo-${randomBytes(6).toString('hex')}`);
    await writeFile(path, paper.content);
    await documents.upload(
      secretariat,
      committeeId,
      { path, originalname: paper.fileName, size: paper.content.length },
      {
        parentId: paper.parent.id,
        classification: paper.classification,
        title: paper.title,
        status: 'for_circulation',
        ...(paper.presenter ? { presenter: paper.presenter } : {}),
      },
    );
  }
}
