/**
 * Query keys of the minutes feature. The page reads the minutes of a meeting once
 * (`full`); the live parts are kept under their own keys so the realtime registry can patch
 * them: the record (status, version) by meeting, the sections and the comments by minutes.
 */
export const minutesKeys = {
  all: ['minutes'] as const,
  full: (meetingId: string) => ['minutes', 'full', meetingId] as const,
  record: (meetingId: string) => ['minutes', 'record', meetingId] as const,
  sectionsAll: ['minutes-sections'] as const,
  sections: (minutesId: string) => ['minutes-sections', minutesId] as const,
  commentsAll: ['minutes-comments'] as const,
  comments: (minutesId: string) => ['minutes-comments', minutesId] as const,
  versions: (minutesId: string) => ['minutes', 'versions', minutesId] as const,
  version: (minutesId: string, n: number) => ['minutes', 'versions', minutesId, n] as const,
};
