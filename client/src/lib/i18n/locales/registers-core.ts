/** The register strings the app shell and the action list need on their first screen. */
export const registersCoreEn = {
  nav: 'Registers',
  more: 'More',
  export: 'Export',
  export_csv: 'CSV',
  export_xlsx: 'Excel',
  exportFailed: 'The export failed. Try again.',
} as const;

export const registersCoreMs: { [K in keyof typeof registersCoreEn]: string } = {
  nav: 'Daftar',
  more: 'Lagi',
  export: 'Eksport',
  export_csv: 'CSV',
  export_xlsx: 'Excel',
  exportFailed: 'Eksport gagal. Cuba lagi.',
};
