import { HttpStatus } from '@nestjs/common';
import {
  AboveClearanceException,
  ForbiddenError,
  InvalidFieldException,
  NotFoundError,
  NothingToChangeException,
} from '../../common/errors.js';

/** The document slice's wording of the shared refusals (common/errors.ts). */
export const documentErrors = {
  fileRequired: () => new InvalidFieldException('file', 'is required (multipart/form-data part named "file")', 'required'),
  empty: () => new InvalidFieldException('file', 'is empty', 'too_small', { params: { min: 1 } }),
  tooLarge: (max: number) =>
    new InvalidFieldException('file', `is larger than ${max} bytes`, 'too_big', {
      params: { max },
      code: 'payload_too_large',
      status: HttpStatus.PAYLOAD_TOO_LARGE,
    }),
  /** Names the file as the person chose it: "Kertas 4.pdf" is not a PDF by its content. */
  typeRefused: (givenName: string) =>
    new InvalidFieldException(
      'file',
      `"${givenName.slice(0, 255)}" is not an accepted type (PDF, DOCX, XLSX, PPTX, PNG, JPEG, plain text or CSV, judged by its content)`,
      'invalid_value',
      { code: 'unsupported_media_type', status: HttpStatus.UNSUPPORTED_MEDIA_TYPE },
    ),
  noSuchPresenter: () => new InvalidFieldException('presenterId', 'names no member of this committee'),
  noSuchVersion: () => new NotFoundError('Document version'),
  notAuthor: () => new ForbiddenError('Only its author may change or remove a note'),
  noSuchParent: () => new InvalidFieldException('parentId', 'names no record of this committee that you may see'),
  aboveClearance: (clearance: string) => new AboveClearanceException(clearance),
  badCursor: () => new InvalidFieldException('cursor', 'is not a cursor from nextCursor'),
  nothingToChange: () => new NothingToChangeException(),
};
