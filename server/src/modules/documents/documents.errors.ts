import { HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import type { IssueCode } from '@sidang/shared';
import { InvalidInputException, issue } from '../../common/zod-validation.pipe.js';

export class DocumentNotFoundException extends NotFoundException {
  constructor() {
    super('Document not found');
  }
}

function refusal(status: number, code: string, field: string, issueCode: IssueCode, message: string, params?: Record<string, number>) {
  return new HttpException(
    { statusCode: status, code, message: `${field}: ${message}`, issues: [issue(field, issueCode, message, params)] },
    status,
  );
}

export const documentErrors = {
  fileRequired: () => new InvalidInputException([issue('file', 'required', 'is required (multipart/form-data part named "file")')]),
  empty: () => new InvalidInputException([issue('file', 'too_small', 'is empty', { min: 1 })]),
  tooLarge: (max: number) =>
    refusal(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', 'file', 'too_big', `is larger than ${max} bytes`, { max }),
  typeRefused: () =>
    refusal(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'unsupported_media_type',
      'file',
      'invalid_value',
      'is not an accepted type (PDF, DOCX, XLSX, PPTX, PNG, JPEG, plain text or CSV, judged by its content)',
    ),
  noSuchParent: () => new InvalidInputException([issue('parentId', 'invalid_value', 'names no record of this committee that you may see')]),
  aboveClearance: (clearance: string) =>
    new InvalidInputException([issue('classification', 'above_clearance', `must not be above your clearance (${clearance})`)]),
  badCursor: () => new InvalidInputException([issue('cursor', 'invalid_value', 'is not a cursor from nextCursor')]),
  nothingToChange: () => new InvalidInputException([issue('body', 'nothing_to_change', 'names no field to change besides version')]),
};
