/** The second-factor step's and single sign-on's strings: loaded with that step, not in every first screen. */
export const signInEn = {
  mfa: {
    title: 'Second factor',
    intro: 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.',
    introRecovery: 'Enter one of your recovery codes.',
    code: 'Code',
    submit: 'Verify',
    restart: 'Start again',
    required: 'Enter the code.',
    wrong: 'That code is not right, or was already used.',
    expired: 'This sign-in has expired or had too many wrong codes. Start again.',
    usePasskey: 'Use a passkey',
    passkeyFailed: 'The passkey did not work. Try again, or enter a code.',
  },
  sso: {
    unverified: 'Single sign-on did not confirm your e-mail address. Ask your agency to verify it, or sign in with your password.',
    unknown: 'No Sidang account has the e-mail address single sign-on gave. Ask an administrator to create one.',
    failed: 'Single sign-on did not work. Try again, or sign in with your password.',
  },
};

export const signInMs: typeof signInEn = {
  mfa: {
    title: 'Faktor kedua',
    intro: 'Masukkan kod 6 digit daripada aplikasi pengesah anda, atau salah satu kod pemulihan anda.',
    introRecovery: 'Masukkan salah satu kod pemulihan anda.',
    code: 'Kod',
    submit: 'Sahkan',
    restart: 'Mula semula',
    required: 'Masukkan kod.',
    wrong: 'Kod itu tidak betul, atau telah digunakan.',
    expired: 'Log masuk ini telah tamat tempoh atau terlalu banyak kod salah. Mula semula.',
    usePasskey: 'Guna kunci laluan',
    passkeyFailed: 'Kunci laluan tidak berjaya. Cuba lagi, atau masukkan kod.',
  },
  sso: {
    unverified:
      'Log masuk tunggal tidak mengesahkan alamat e-mel anda. Minta agensi anda mengesahkannya, atau log masuk dengan kata laluan.',
    unknown: 'Tiada akaun Sidang dengan alamat e-mel yang diberi oleh log masuk tunggal. Minta pentadbir menciptanya.',
    failed: 'Log masuk tunggal tidak berjaya. Cuba lagi, atau log masuk dengan kata laluan anda.',
  },
};
