import type { Lang } from '@skills-passport/core';
import type { WalletErrorCode } from './errors.js';

const en = {
  appName: 'Skills Passport',
  skipToContent: 'Skip to content',
  navPassport: 'My passport',
  navReceive: 'Receive',
  navShare: 'Share',
  navLog: 'Shared',
  navSettings: 'Wallet',
  switchLanguage: 'Nederlands',
  switchLanguageLabel: 'Schakel naar Nederlands',
  loading: 'Loading…',
  // passport
  passportTitle: 'My skills passport',
  passportEmpty: 'Your passport is empty. Receive a credential from an offer link to start.',
  skillsTitle: 'My skills',
  skillsCount: '{skills} from {credentials}',
  skillCount_one: '1 skill',
  skillCount_other: '{n} skills',
  credentialCount_one: '1 credential',
  credentialCount_other: '{n} credentials',
  searchLabel: 'Search skills and credentials',
  searchNoResults: 'No skills match “{q}”.',
  otherSkills: 'Other skills',
  bestLevel: 'Best level: {level}',
  levelOf: '{level} ({rank} of {of})',
  noLevel: 'covered, no level stated',
  provenBy: 'Proven by',
  moreProofs: 'Show {n} more',
  partly: 'partly achieved',
  formal: 'formal',
  informal: 'informal',
  plan: 'a plan, not proof of skills',
  notCounted: 'not counted',
  credentialsTitle: 'My credentials',
  issuedBy: 'Issued by {issuer}',
  openDetails: 'Details of {name}',
  // self-declared skills (H35)
  selfDeclaredMark: 'Self-declared',
  selfDeclaredTitle: 'My self-declared skills',
  selfDeclaredIntro:
    'Add a skill you have but no credential for, and describe how you show it. It stays on this device. It is always marked “Self-declared”: nobody sees it as proven.',
  selfDeclaredEmpty: 'You have not added a skill yourself yet.',
  selfDeclaredListTitle: 'Skills you added',
  selfDeclaredAddTitle: 'Add a skill',
  selfDeclaredEditTitle: 'Change “{skill}”',
  selfDeclaredSearchLabel: 'Search a skill (in Dutch or English)',
  selfDeclaredSearchButton: 'Search',
  selfDeclaredFound_one: '1 skill found. Choose it below.',
  selfDeclaredFound_other: '{n} skills found. Choose one below.',
  selfDeclaredNoMatch: 'No skill matches “{q}”. Try other words.',
  selfDeclaredEmptyQuery: 'Type a few words of the skill first.',
  selfDeclaredChoose: 'Choose the skill',
  selfDeclaredSkill: 'Skill: {skill}',
  selfDeclaredLevelLabel: 'How well can you do it? (you may skip this)',
  selfDeclaredNoLevel: 'I do not say',
  selfDeclaredEvidenceLabel: 'How do you show this skill?',
  selfDeclaredEvidenceHelp:
    'In your own words: what you did, where, when, and who can confirm it. No files. At most 2000 characters.',
  selfDeclaredCharsLeft: '{n} characters left.',
  selfDeclaredSave: 'Save',
  selfDeclaredEdit: 'Change',
  selfDeclaredEditLabel: 'Change {skill}',
  selfDeclaredRemove: 'Remove',
  selfDeclaredRemoveLabel: 'Remove {skill}',
  selfDeclaredRemoveTitle: 'Remove this skill?',
  selfDeclaredRemoveBody: '“{skill}” will no longer be in your self-declared skills.',
  selfDeclaredAdded: '“{skill}” was added as a self-declared skill.',
  selfDeclaredSaved: 'Your changes to “{skill}” were saved.',
  selfDeclaredRemoved: '“{skill}” was removed.',
  selfDeclaredNeedSkill: 'Search and choose a skill first.',
  selfDeclaredNeedEvidence: 'Describe how you show this skill.',
  selfDeclaredTooLong: 'Your description is too long: at most 2000 characters.',
  selfDeclaredLevel: 'Your own level: {level}',
  selfDeclaredEvidence: 'How you show it: {evidence}',
  selfDeclaredAddedOn: 'Added on {date}',
  selfDeclaredLink: 'My self-declared skills',
  selfDeclaredNotProven: 'You said you have this skill yourself. It does not count as proven.',
  selfDeclaredLoadFailed: 'The list of skills could not be loaded. Try again later.',
  selfDeclaredShareLegend: 'Skills you declared yourself (not proven)',
  selfDeclaredShareHelp:
    'Each one goes as a statement by you, signed by your wallet. The receiver sees that you declared it yourself: it never counts as proven.',
  shareSentTitle: 'What you sent on {time}',
  shareSentLog: 'You find this again under “Shared”.',
  // EVC intake (H35)
  intakeTitle: 'EVC intake',
  intakeIntro:
    'With EVC, a provider checks and recognises what you can already do, also what you learned at work. Here you prepare an intake: you choose what the provider sees.',
  intakeProviderTitle: '1. Choose an EVC provider',
  intakeProviderNone: 'This wallet knows no EVC providers. Paste the intake link a provider gave you.',
  intakeProvidersFailed: 'The list of EVC providers could not be loaded. You can paste an intake link.',
  intakeProviderChoose: 'Choose {provider}',
  intakeLinkLabel: 'Intake link of an EVC provider',
  intakeOpen: 'Open',
  intakeLoading: 'Loading the intake…',
  intakeFrom: 'EVC provider: {provider}',
  intakeStandardTitle: '2. Choose a standard',
  intakeStandardHelp: 'A standard is the set of skills you want recognised, for example a qualification.',
  intakeGapTitle: '3. What you already prove for {standard}',
  intakeGapHelp: 'Computed on this device. Nothing is sent.',
  intakePortfolioTitle: '4. Prepare your portfolio',
  intakePortfolioHelp:
    'Choose what the provider may see: credentials (workplace learning, modules, certificates) and skills you declared yourself.',
  intakeCredentialsLegend: 'Credentials',
  intakeNoCredentials: 'Your passport has no credentials yet.',
  intakeNoSelfDeclared: 'You have no self-declared skills.',
  intakeAddSelfDeclared: 'Add a self-declared skill',
  intakePreviewTitle: 'What {provider} will see',
  intakePreviewNothing: 'Nothing chosen yet. Choose at least one credential or skill.',
  intakePreviewCredential: '{name}, from {issuer}',
  intakePreviewSkills: 'Skills: {skills}',
  intakePreviewSelfDeclared: '{name}: declared by you, not proven',
  intakeSend: 'Send intake',
  intakeSendHelp:
    'Next you see the provider’s request, checked by your wallet, with your choice ticked. Nothing is sent before you confirm there.',
  intakeSending: 'Asking {provider} for an intake request…',
  intakeLink: 'Prepare an EVC intake',
  // statuses
  status_valid: 'Valid',
  status_expired: 'Expired',
  status_revoked: 'Revoked',
  status_suspended: 'Suspended',
  status_unrecognised: 'Issuer not recognised',
  status_unknown: 'Checking…',
  statusHelp_expired: 'This credential has passed its expiry date. It is still part of your history.',
  statusHelp_revoked: 'The issuer has withdrawn this credential. It no longer proves anything.',
  statusHelp_suspended: 'The issuer has put this credential on hold for now.',
  statusHelp_unrecognised:
    'The issuer’s identity could not be confirmed: its signature does not check out against its published key, or its address cannot be reached.',
  statusStale: 'Status could not be checked just now; last known: {state} ({date}).',
  statusCheckedAt: 'Status checked at {time}.',
  statusChecking: 'Checking the status of your credentials…',
  checkNow: 'Check now',
  statusRecheckHelp: 'While this page is open, the wallet checks again every minute.',
  // detail
  backToPassport: 'Back to my passport',
  detailType: 'Kind of credential',
  detailLearning: 'Kind of learning',
  detailIssuer: 'Issuer',
  detailIssuerId: 'Issuer identifier',
  detailIssued: 'Issued',
  detailExpires: 'Valid until',
  detailStatus: 'Status',
  detailAchievement: 'Achievement',
  detailDescription: 'Description',
  detailCriteria: 'How it was assessed',
  detailStandard: 'Assessed against',
  standardKind_kwalificatiedossier: 'qualification file (kwalificatiedossier)',
  'standardKind_branch-standard': 'branch standard',
  standardKind_other: 'standard',
  detailRoute: 'Route',
  'route_labour-market': 'labour market (to show employers)',
  route_education: 'education (towards a diploma)',
  detailAssessmentDate: 'Assessment date',
  detailMethods: 'Assessment methods',
  detailResults: 'Skills shown',
  detailSkill: 'Skill',
  detailLevel: 'Level',
  detailOutcome: 'Outcome',
  outcome_achieved: 'achieved',
  'outcome_partly-achieved': 'partly achieved',
  'outcome_not-achieved': 'not achieved',
  detailOverall: 'Overall result',
  detailLearningOutcomes: 'Learning outcomes',
  detailEducationLevel: 'Level',
  detailStudyLoad: 'Study load',
  hours_one: '1 hour',
  hours_other: '{n} hours',
  ects: '{n} ECTS',
  detailAssessmentType: 'Assessment',
  detailPeriod: 'Period',
  periodOngoing: 'since {start}',
  detailWorkplace: 'Workplace',
  detailRole: 'Role',
  detailTasks: 'Tasks',
  detailHoursPerWeek: 'Hours per week',
  detailAssessor: 'Assessed or attested by',
  detailEvidence: 'Evidence',
  detailEvidenceNone: 'No evidence listed.',
  detailHolderName: 'Name in the credential',
  detailReceived: 'Received in this wallet',
  deleteCredential: 'Delete this credential',
  deleteConfirmTitle: 'Delete “{name}”?',
  deleteConfirmText:
    'It will be removed from this wallet. You can only get it back from the issuer or from a backup.',
  deleteConfirm: 'Yes, delete',
  cancel: 'Cancel',
  deleted: '“{name}” was deleted.',
  // receive
  receiveTitle: 'Receive a credential',
  receiveIntro: 'Open an offer from an issuer: paste its link, or scan its QR code.',
  offerLinkLabel: 'Offer link (openid-credential-offer://…)',
  openOffer: 'Open offer',
  scanQr: 'Scan QR code',
  stopScan: 'Stop scanning',
  scanHelp: 'Point the camera at the QR code.',
  cameraUnavailable: 'The camera cannot be used here. Paste the link instead.',
  offerFrom: '{issuer} offers you',
  offerIssuerAddress: 'Issuer address',
  pinLabel: 'PIN code',
  pinHelp: 'The issuer gave you a PIN code separately.',
  pinHelpLength_one: 'The issuer gave you a PIN code of 1 digit separately.',
  pinHelpLength_other: 'The issuer gave you a PIN code of {n} digits separately.',
  pinWrongLength_one: 'The PIN code has 1 digit. Check what you typed.',
  pinWrongLength_other: 'The PIN code has {n} digits. Check that you typed all of them.',
  accept: 'Accept and add to my passport',
  decline: 'Decline',
  receiving: 'Receiving and checking the credential…',
  received: '“{name}” was added to your passport.',
  viewCredential: 'View the credential',
  declined: 'You declined the offer. Nothing was stored.',
  nameWarningTitle: 'This credential names someone else',
  nameWarningText:
    'It is made out to {names}; this wallet is set up for “{holder}”. Keep it only if it is yours (a name spelled otherwise, a former name). Nothing is stored unless you do.',
  nameWarningKeep: 'It is mine: keep it',
  nameWarningDecline: 'Do not keep it',
  reviewTitle: 'Check the credential before you keep it',
  reviewIntro:
    'The wallet received the credential and checked its signature against the issuer. Nothing is stored until you choose to keep it.',
  reviewIssuer: 'Issued by (verified)',
  reviewHolderName: 'Name on it',
  reviewNoName: 'No name on it',
  reviewValidity: 'Valid',
  reviewValidFromUntil: 'from {from} until {until}',
  reviewValidFrom: 'from {from}, no end date',
  reviewNoSkills: 'No skills listed',
  reviewKeep: 'Keep it in my passport',
  reviewDecline: 'Do not keep',
  // share
  shareTitle: 'Share credentials',
  shareIntro: 'Open a request from an employer or another verifier: paste its link, or scan its QR code.',
  requestLinkLabel: 'Request link (openid4vp://…)',
  openRequest: 'Open request',
  requestFrom: '{verifier} asks for',
  verifierAddress: 'Verifier address',
  requestPurpose: 'Why they ask',
  requestedCredential: 'Any of: {types}',
  requestedAnyCredential: 'A credential',
  requestedOpenBadge: 'an Open Badge from any issuer',
  requestedClaims: 'Details they will see: the whole credential.',
  wholeCredential:
    'They will see the whole credential: every skill, the assessor, the evidence and your name.',
  willShare: 'They will see only this:',
  alwaysShared: 'and what the credential is: its title, who issued it and when.',
  notShared: 'Not shared: {list}.',
  otherSkills_one: '1 other skill',
  otherSkills_other: '{n} other skills',
  yourName: 'your name',
  nameClaim: 'Your name',
  requiredClaim: 'asked for as required',
  optionalClaim: 'you may leave this out',
  cannotShareRevoked: 'Revoked: this credential can no longer be shared.',
  sharedClaims: 'shared: {list}',
  chooseCredentials: 'Choose what to share',
  noMatchingCredentials: 'You have no credential that answers this request.',
  shareSelected: 'Share the selected credentials',
  sharing: 'Signing and sending…',
  shareAccepted: '{verifier} received your credentials.',
  shareRejected: '{verifier} did not accept the presentation.',
  verifierSaid: 'The verifier said: {detail}',
  continueAtVerifier: 'Continue at the verifier',
  shareDeclined:
    'You declined the request. Nothing was shared. While the request is open, you can open its link again and answer.',
  // log
  logTitle: 'What I shared',
  logEmpty: 'You have not shared anything yet.',
  logWhen: 'When',
  logWith: 'With',
  logWhat: 'What',
  logOutcome: 'Result',
  outcomeLog_accepted: 'accepted',
  outcomeLog_rejected: 'rejected',
  outcomeLog_failed: 'not delivered',
  // settings
  settingsTitle: 'My wallet',
  didTitle: 'My wallet identifier (DID)',
  didHelp:
    'Issuers put this identifier in the credentials they give you. It is derived from a key that never leaves this browser.',
  copy: 'Copy',
  copied: 'Copied.',
  storageTitle: 'Storage',
  storagePersistent: 'This browser keeps the wallet’s data even when space runs low.',
  storageBestEffort:
    'This browser may clear the wallet’s data when space runs low. Make a backup, or install the wallet as an app.',
  languageTitle: 'Language',
  holderNameTitle: 'Your name',
  holderNameLabel: 'Your name, as it is written on your credentials',
  holderNameHelp:
    'The wallet warns you before it stores a credential made out to another name. Your name stays in this browser.',
  holderNameSave: 'Save name',
  holderNameSaved: 'Saved: the wallet compares the name on new credentials with “{name}”.',
  holderNameCleared: 'Name removed: the wallet no longer compares names.',
  backupTitle: 'Back up',
  backupIntro:
    'Save everything (your key, credentials and what you shared) in one file, encrypted with a passphrase. Keep the file and the passphrase apart.',
  passphraseLabel: 'Passphrase (at least 10 characters)',
  passphraseRepeatLabel: 'Repeat the passphrase',
  passphraseTooShort: 'Choose a passphrase of at least 10 characters.',
  passphraseMismatch: 'The two passphrases differ.',
  makeBackup: 'Make backup file',
  backupMade: 'Backup file ready: {file}',
  downloadBackup: 'Download {file}',
  restoreTitle: 'Restore',
  restoreIntro: 'Replace this wallet with a backup. Everything now in this wallet is replaced.',
  backupFileLabel: 'Backup file',
  restorePassphraseLabel: 'Passphrase of the backup',
  restore: 'Restore backup',
  restoring: 'Decrypting…',
  restored: 'Backup restored: {credentials}. Your wallet identifier is {did}.',
  restoreConfirmTitle: 'Replace what is in this wallet?',
  restoreConfirmText_one:
    'This wallet holds 1 credential. Restoring replaces it, your wallet identifier and what you shared with what the backup holds. What is not in the backup is lost: make a backup of this wallet first if you want to keep it.',
  restoreConfirmText_other:
    'This wallet holds {n} credentials. Restoring replaces them, your wallet identifier and what you shared with what the backup holds. What is not in the backup is lost: make a backup of this wallet first if you want to keep it.',
  restoreConfirm: 'Yes, replace with the backup',
  restoreCancelled: 'Nothing was restored. Your wallet is as it was.',
  chooseFile: 'Choose a backup file first.',
  working: 'Working…',
  // export, publish, print
  exportTitle: 'Take it with you',
  exportButton_ldp_vc: 'Download as Open Badges 3.0 file',
  exportButton_jwt_vc_json: 'Download as VC-JWT file',
  'exportButton_dc+sd-jwt': 'Download as SD-JWT VC file',
  exportHelp_ldp_vc:
    'The credential exactly as {issuer} issued it, with its signature: an Open Badges 3.0 credential (W3C Verifiable Credentials 2.0, JSON-LD with a Data Integrity proof), file {file}. Any Open Badges 3.0 verifier can check it.',
  exportHelp_jwt_vc_json:
    'This wallet holds this credential only as a VC-JWT (a W3C Verifiable Credential signed as a JSON Web Token), not as an Open Badges 3.0 file: the download, {file}, is that token exactly as {issuer} issued it.',
  'exportHelp_dc+sd-jwt':
    'This wallet holds this credential only as an SD-JWT VC, not as an Open Badges 3.0 file: the download, {file}, is that token exactly as {issuer} issued it, with every claim in it readable.',
  passportActions: 'Show your passport to others',
  publishLink: 'Publish a verification link',
  printPassport: 'Print my passport',
  publishTitle: 'Publish a verification link',
  publishIntro:
    'Put chosen credentials online behind a link. Whoever has the link or its QR code can check them on the verifier’s page, until you withdraw the link or it expires.',
  publishWarning:
    'Anyone with the link can see the chosen credentials in full, including the name on them, and can pass the link on. Withdraw it when it is no longer needed.',
  publishChoose: 'Credentials on the link',
  publishNotAllowed: 'Revoked, suspended, expired or unrecognised credentials cannot be published.',
  publishServiceLabel: 'Publication service (web address)',
  publishServiceHelp:
    'The verification service that puts the link online; it checks each credential before it publishes it.',
  publishButton: 'Publish link',
  publishing: 'Publishing…',
  published: 'Your link is online until {date}.',
  publishedLinkLabel: 'Verification link',
  qrAlt: 'QR code of the link {url}',
  copyLink: 'Copy link',
  publishedTitle: 'Published links',
  publishedNone: 'You have not published a link.',
  publishedItem: 'Published {date}, online until {until}',
  publishedCredentials_one: '1 credential: {names}',
  publishedCredentials_other: '{n} credentials: {names}',
  withdraw: 'Withdraw link',
  withdrawConfirmTitle: 'Withdraw this link?',
  withdrawConfirmText:
    'Nobody can open it any more, also not the people you gave it to. You can publish a new link later.',
  withdrawConfirm: 'Yes, withdraw',
  withdrawn: 'The link was withdrawn. Nobody can open it any more.',
  printTitle: 'Print my passport',
  printIntro: 'Choose what goes on the printed page (A4, black and white), then print it or save it as PDF.',
  printChoose: 'Credentials to print',
  printNotAllowed: 'Revoked, suspended, expired or unrecognised credentials are not printed.',
  printButton: 'Print',
  printWithLink: 'The page carries the QR code of your verification link {url}.',
  printWithoutLink:
    'You have no verification link: the page says how to check the credentials from their files. Publish a link to put a QR code on the page.',
  printHeading: 'Skills passport of {name}',
  printHeadingNoName: 'Skills passport',
  printIssued: '{issuer}, {date}',
  printVerifyOnline: 'Check these credentials online: scan the QR code or open',
  printVerifyFile:
    'This paper proves nothing by itself. To check a credential, ask its holder for the credential file (an Open Badges 3.0 file from the Skills Passport wallet) and check it with an Open Badges 3.0 verifier.',
  printPrinted: 'Printed on {date} from the Skills Passport wallet.',
  // career check (issue 16)
  navCareer: 'Career check',
  careerTitle: 'Career check',
  careerIntro:
    'See which skills an occupation asks for, and which of them your credentials already prove. This is worked out on this device: nothing is sent.',
  careerLoading: 'Loading the list of occupations…',
  careerLoadFailed: 'The list of occupations could not be loaded. Reload the page to try again.',
  careerReady: 'The career check is ready.',
  careerSearchTitle: 'Choose an occupation',
  careerSearchLabel: 'Name of an occupation',
  careerSearchButton: 'Search',
  careerEmptyQuery: 'Type the name of an occupation, for example “zorghulp” or “healthcare assistant”.',
  careerNoMatch: 'No occupation matches “{q}”. Try another word.',
  careerFound_one: '1 occupation found.',
  careerFound_other: '{n} occupations found.',
  careerNoCredentials:
    'Your passport has no credentials yet, so nothing is proven yet. Receive a credential to see what you already prove.',
  careerFitTitle: 'Occupations that fit you',
  careerFitIntro:
    'The occupations for which your credentials prove the largest part of the essential skills.',
  careerFitNone: 'When your credentials prove skills, the occupations that fit them best are shown here.',
  careerFitProven_one: '{proven} of 1 essential skill proven',
  careerFitProven_other: '{proven} of {n} essential skills proven',
  careerStillNeeds: 'Still needed: {skills}',
  careerAndMore_one: 'and 1 more',
  careerAndMore_other: 'and {n} more',
  careerNothingMissing: 'You prove all essential skills.',
  careerSummary_one: 'You prove {proven} of 1 essential skill.',
  careerSummary_other: 'You prove {proven} of {n} essential skills.',
  careerSummaryMore: 'Partly: {partly}. Not yet: {notYet}.',
  careerEssentialTitle: 'Essential skills',
  careerOptionalTitle: 'Optional skills',
  careerNoSkills: 'This occupation lists no skills of this kind.',
  gap_proven: 'Proven',
  gap_partly: 'Partly',
  gap_not_yet: 'Not yet',
  gapProvenBy: '{title}, from {issuer}, {date} ({learning})',
  gapLevel: 'level {level}',
  gapLower: 'You have this skill, but not yet at the level asked: {proofs}.',
  gapPartlyAchieved: 'partly achieved',
  gapPartlyShown: 'You have shown this skill in part: {proofs}.',
  gapNoLevel: 'no level stated',
  gapSameGroup: 'You prove a skill of the same kind ({group}): {skills}.',
  gapNotYet: 'None of your credentials shows this skill yet.',
  careerBack: 'Choose another occupation',
  careerPrint: 'Print this check',
  // development plan (#/plan)
  planTitle: 'My development plan',
  planLoading: 'Loading your plan…',
  planNone:
    'You have no development plan yet. An adviser at a learn-work desk (Leerwerkloket) can make one with you.',
  planNotFound: 'This plan is not in your wallet, or the wallet cannot read it.',
  planToCareer: 'Check which jobs fit you',
  planGoal: 'Your goal: work as {occupation}',
  planAgreed: 'Agreed on {date} with {adviser}, {desk}.',
  planModulesTitle: 'Modules',
  planNoModules: 'No modules in this plan.',
  planBarLabel: 'Modules done',
  planProgress_one: '{done} of 1 module done',
  planProgress_other: '{done} of {n} modules done',
  planModuleDone: 'Done',
  planModuleNotYet: 'Not yet',
  planModuleProvider: 'From {provider}',
  planModuleHours: '{hours} hours of study',
  planModuleSkills: 'You learn:',
  planModuleDoneBy: 'Done: {title}, from {issuer}',
  planStepsTitle: 'Next steps',
  planStepDue: 'before {date}',
  planNoSteps: 'No next steps written down.',
  planReview: 'On {date} you and your adviser look at this plan again.',
  planGapTitle: 'Skills for {occupation}',
  planGapLoading: 'Counting your skills for this job…',
  planGapBarLabel: 'Important skills you prove',
  planGapLink: 'See which skills for {occupation} you still need',
  planGapFailed: 'The skills for this job cannot be shown now.',
  planPrint: 'Print my plan',
  planBack: 'Back to my passport',
  planFront_one: 'Your plan: {done} of 1 module done',
  planFront_other: 'Your plan: {done} of {n} modules done',
  planCredentialLink: 'Open my plan and see how far I am',
  careerEsco:
    'The occupations and skills come from ESCO. This service uses the ESCO classification of the European Commission.',
  printNoSkills: 'No skills listed.',
  vacancyCheckTitle: 'Check a vacancy',
  vacancyCheckIntro:
    'Paste the link of a vacancy an employer published. The wallet reads the vacancy and compares it with your passport here, on this device. Nothing about you is sent.',
  vacancyLinkLabel: 'Vacancy link',
  vacancyCheckButton: 'Check',
  vacancyLoading: 'Reading the vacancy…',
  vacancyReady: 'The vacancy is checked against your passport.',
  vacancyFrom: 'Vacancy at {employer}',
  vacancyUnverified:
    'This is how the employer describes itself and the job. Nobody has checked this description.',
  vacancyOpenUntil: 'Open until {date}.',
  vacancySummary_one: 'You prove {proven} of 1 required skill.',
  vacancySummary_other: 'You prove {proven} of {n} required skills.',
  vacancyRequiredTitle: 'Required skills',
  vacancyOptionalTitle: 'Also welcome',
  vacancyMinLevel: 'Minimum level: {level}.',
  vacancyAnswerTitle: 'Answer this vacancy',
  vacancyAnswerIntro:
    'If you want to, the wallet asks the employer for a request to answer. You then see exactly what is asked and choose what to share. Nothing is shared without your consent.',
  vacancyAnswerButton: 'Answer this vacancy',
  vacancyAnswerLoading: 'Asking the employer for a request…',
  // module suggestions (issue 16 item 4)
  modulesTitle: 'Modules that close the gap',
  modulesIntro:
    'Recognised training providers publish their modules. To find the ones that teach what you still need, the wallet reads their catalogues. It sends nothing about you: the comparison happens here, on this device.',
  modulesButton: 'Show modules that close the gap',
  modulesLoading: 'Reading the catalogues of recognised training providers…',
  modulesFound_one: '1 module teaches skills you still need.',
  modulesFound_other: '{n} modules teach skills you still need. The best ones per hour of study come first.',
  modulesNone: 'No module of the recognised training providers teaches a skill you still need.',
  modulesNothingMissing: 'You prove every skill here: there is nothing left to learn for it.',
  modulesNoTrustList:
    'The wallet has no list of recognised training providers, so it does not know whose catalogues to read.',
  modulesChooseList: 'Choose a list in My wallet',
  modulesNoProviders: 'No recognised training provider publishes a catalogue yet.',
  modulesProviderFailed:
    'The catalogue of {provider} cannot be read right now, so its modules are missing here. Try again later.',
  modulesFrom: 'From {provider}, a recognised training provider',
  modulesCloses: 'Teaches what you still need:',
  modulesEssential: 'essential',
  modulesPartly: 'you show it partly',
  modulesStudyLoad: 'Study load',
  modulesHours_one: '1 hour',
  modulesHours_other: '{n} hours',
  modulesEcts: '{ects} EC',
  modulesLevel: 'Level',
  modulesNlqfEntry: 'entry level',
  modulesMode: 'How',
  mode_online: 'Online',
  mode_classroom: 'In a classroom',
  mode_blended: 'Online and in a classroom',
  mode_workplace: 'At the workplace',
  modulesRegion: 'Region',
  modulesStart: 'Next start',
  modulesNoStart: 'No start date planned',
  modulesPrice: 'Price',
  modulesFree: 'Free',
  modulesNoPrice: 'Ask the provider',
  modulesMicro: 'Ends in a micro-credential',
  modulesYes: 'Yes',
  modulesNo: 'No',
  modulesPlanTitle: 'The shortest way',
  modulesPlan_one:
    'This module closes {closed} of the {open} essential skills you still need: {hours} of study.',
  modulesPlan_other:
    'These {n} modules together close {closed} of the {open} essential skills you still need: {hours} of study.',
  modulesPlanOpen: 'No recognised module teaches yet: {skills}.',
  // trust list (Settings)
  trustTitle: 'Recognised organisations',
  trustIntro:
    'The wallet reads module catalogues only from the training providers on this list: the list of recognised organisations an employer’s verifier uses too.',
  trustInUse: 'List in use:',
  trustFromConfig: '(set by this wallet)',
  trustFromSettings: '(chosen by you)',
  trustNone: 'No list is in use: the wallet reads no catalogues.',
  trustUrlLabel: 'Address of another list (https)',
  trustSave: 'Use this list',
  trustClear: 'Use no list',
  trustReset: 'Use this wallet’s own list',
  trustSaved: 'Saved. The wallet now uses this choice.',
} as const;

export type MessageKey = keyof typeof en;

const nl: Record<MessageKey, string> = {
  appName: 'Skills Passport',
  skipToContent: 'Naar de inhoud',
  navPassport: 'Mijn paspoort',
  navReceive: 'Ontvangen',
  navShare: 'Delen',
  navLog: 'Gedeeld',
  navSettings: 'Wallet',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  loading: 'Laden…',
  passportTitle: 'Mijn skillspaspoort',
  passportEmpty: 'Je paspoort is nog leeg. Ontvang een bewijs via een aanbodlink om te beginnen.',
  skillsTitle: 'Mijn vaardigheden',
  skillsCount: '{skills} uit {credentials}',
  skillCount_one: '1 vaardigheid',
  skillCount_other: '{n} vaardigheden',
  credentialCount_one: '1 bewijs',
  credentialCount_other: '{n} bewijzen',
  searchLabel: 'Zoek in vaardigheden en bewijzen',
  searchNoResults: 'Geen vaardigheden gevonden voor “{q}”.',
  otherSkills: 'Overige vaardigheden',
  bestLevel: 'Hoogste niveau: {level}',
  levelOf: '{level} ({rank} van {of})',
  noLevel: 'behandeld, geen niveau vermeld',
  provenBy: 'Aangetoond met',
  moreProofs: 'Toon nog {n}',
  partly: 'deels behaald',
  formal: 'formeel',
  informal: 'informeel',
  plan: 'een plan, geen bewijs van vaardigheden',
  notCounted: 'telt niet mee',
  credentialsTitle: 'Mijn bewijzen',
  issuedBy: 'Uitgegeven door {issuer}',
  openDetails: 'Details van {name}',
  // self-declared skills (H35)
  selfDeclaredMark: 'Zelf opgegeven',
  selfDeclaredTitle: 'Mijn zelf opgegeven vaardigheden',
  selfDeclaredIntro:
    'Voeg een vaardigheid toe die je hebt, maar waarvoor je geen bewijs hebt. Beschrijf hoe je die laat zien. Het blijft op dit apparaat. Er staat altijd “Zelf opgegeven” bij: niemand ziet het als bewezen.',
  selfDeclaredEmpty: 'Je hebt nog geen vaardigheid zelf opgegeven.',
  selfDeclaredListTitle: 'Vaardigheden die je toevoegde',
  selfDeclaredAddTitle: 'Vaardigheid toevoegen',
  selfDeclaredEditTitle: '“{skill}” wijzigen',
  selfDeclaredSearchLabel: 'Zoek een vaardigheid (in het Nederlands of Engels)',
  selfDeclaredSearchButton: 'Zoeken',
  selfDeclaredFound_one: '1 vaardigheid gevonden. Kies die hieronder.',
  selfDeclaredFound_other: '{n} vaardigheden gevonden. Kies er hieronder een.',
  selfDeclaredNoMatch: 'Geen vaardigheid past bij “{q}”. Probeer andere woorden.',
  selfDeclaredEmptyQuery: 'Typ eerst een paar woorden van de vaardigheid.',
  selfDeclaredChoose: 'Kies de vaardigheid',
  selfDeclaredSkill: 'Vaardigheid: {skill}',
  selfDeclaredLevelLabel: 'Hoe goed kun je het? (mag je overslaan)',
  selfDeclaredNoLevel: 'Zeg ik niet',
  selfDeclaredEvidenceLabel: 'Hoe laat je deze vaardigheid zien?',
  selfDeclaredEvidenceHelp:
    'In je eigen woorden: wat je deed, waar, wanneer, en wie het kan bevestigen. Geen bestanden. Hoogstens 2000 tekens.',
  selfDeclaredCharsLeft: 'Nog {n} tekens over.',
  selfDeclaredSave: 'Opslaan',
  selfDeclaredEdit: 'Wijzigen',
  selfDeclaredEditLabel: '{skill} wijzigen',
  selfDeclaredRemove: 'Verwijderen',
  selfDeclaredRemoveLabel: '{skill} verwijderen',
  selfDeclaredRemoveTitle: 'Deze vaardigheid verwijderen?',
  selfDeclaredRemoveBody: '“{skill}” staat dan niet meer bij je zelf opgegeven vaardigheden.',
  selfDeclaredAdded: '“{skill}” is toegevoegd als zelf opgegeven vaardigheid.',
  selfDeclaredSaved: 'Je wijzigingen in “{skill}” zijn opgeslagen.',
  selfDeclaredRemoved: '“{skill}” is verwijderd.',
  selfDeclaredNeedSkill: 'Zoek en kies eerst een vaardigheid.',
  selfDeclaredNeedEvidence: 'Beschrijf hoe je deze vaardigheid laat zien.',
  selfDeclaredTooLong: 'Je beschrijving is te lang: hoogstens 2000 tekens.',
  selfDeclaredLevel: 'Je eigen niveau: {level}',
  selfDeclaredEvidence: 'Hoe je het laat zien: {evidence}',
  selfDeclaredAddedOn: 'Toegevoegd op {date}',
  selfDeclaredLink: 'Mijn zelf opgegeven vaardigheden',
  selfDeclaredNotProven: 'Je gaf zelf op dat je dit kunt. Dit telt niet als bewezen.',
  selfDeclaredLoadFailed: 'De lijst met vaardigheden kon niet worden geladen. Probeer het later opnieuw.',
  selfDeclaredShareLegend: 'Vaardigheden die je zelf opgaf (niet bewezen)',
  selfDeclaredShareHelp:
    'Elke vaardigheid gaat mee als een verklaring van jou, ondertekend door je wallet. De ontvanger ziet dat je het zelf opgaf: het telt nooit als bewezen.',
  shareSentTitle: 'Wat je verstuurde op {time}',
  shareSentLog: 'Je vindt dit terug onder “Gedeeld”.',
  // EVC intake (H35)
  intakeTitle: 'EVC-intake',
  intakeIntro:
    'Bij EVC kijkt een aanbieder wat je al kunt en erkent dat, ook wat je in je werk leerde. Hier bereid je een intake voor: jij kiest wat de aanbieder ziet.',
  intakeProviderTitle: '1. Kies een EVC-aanbieder',
  intakeProviderNone:
    'Deze wallet kent geen EVC-aanbieders. Plak de intakelink die je van een aanbieder kreeg.',
  intakeProvidersFailed:
    'De lijst met EVC-aanbieders kon niet worden geladen. Je kunt een intakelink plakken.',
  intakeProviderChoose: 'Kies {provider}',
  intakeLinkLabel: 'Intakelink van een EVC-aanbieder',
  intakeOpen: 'Openen',
  intakeLoading: 'De intake wordt geladen…',
  intakeFrom: 'EVC-aanbieder: {provider}',
  intakeStandardTitle: '2. Kies een standaard',
  intakeStandardHelp:
    'Een standaard is de set vaardigheden die je erkend wilt krijgen, bijvoorbeeld een kwalificatie.',
  intakeGapTitle: '3. Wat je al bewijst voor {standard}',
  intakeGapHelp: 'Berekend op dit apparaat. Er wordt niets verstuurd.',
  intakePortfolioTitle: '4. Stel je portfolio samen',
  intakePortfolioHelp:
    'Kies wat de aanbieder mag zien: bewijzen (praktijkleren, modules, certificaten) en vaardigheden die je zelf opgaf.',
  intakeCredentialsLegend: 'Bewijzen',
  intakeNoCredentials: 'Je paspoort heeft nog geen bewijzen.',
  intakeNoSelfDeclared: 'Je hebt geen zelf opgegeven vaardigheden.',
  intakeAddSelfDeclared: 'Een vaardigheid zelf opgeven',
  intakePreviewTitle: 'Wat {provider} te zien krijgt',
  intakePreviewNothing: 'Nog niets gekozen. Kies minstens één bewijs of vaardigheid.',
  intakePreviewCredential: '{name}, van {issuer}',
  intakePreviewSkills: 'Vaardigheden: {skills}',
  intakePreviewSelfDeclared: '{name}: door jou opgegeven, niet bewezen',
  intakeSend: 'Intake versturen',
  intakeSendHelp:
    'Daarna zie je het verzoek van de aanbieder, gecontroleerd door je wallet, met jouw keuze aangevinkt. Er gaat niets weg voordat je daar bevestigt.',
  intakeSending: '{provider} wordt om een intakeverzoek gevraagd…',
  intakeLink: 'Een EVC-intake voorbereiden',
  status_valid: 'Geldig',
  status_expired: 'Verlopen',
  status_revoked: 'Ingetrokken',
  status_suspended: 'Opgeschort',
  status_unrecognised: 'Uitgever niet herkend',
  status_unknown: 'Controleren…',
  statusHelp_expired: 'De geldigheid van dit bewijs is verlopen. Het blijft deel van je geschiedenis.',
  statusHelp_revoked: 'De uitgever heeft dit bewijs ingetrokken. Het bewijst niets meer.',
  statusHelp_suspended: 'De uitgever heeft dit bewijs voorlopig opgeschort.',
  statusHelp_unrecognised:
    'De identiteit van de uitgever kon niet worden bevestigd: de handtekening klopt niet met de gepubliceerde sleutel, of het adres is niet bereikbaar.',
  statusStale: 'De status kon nu niet worden gecontroleerd; laatst bekend: {state} ({date}).',
  statusCheckedAt: 'Status gecontroleerd om {time}.',
  statusChecking: 'De status van je bewijzen wordt gecontroleerd…',
  checkNow: 'Nu controleren',
  statusRecheckHelp: 'Zolang deze pagina open is, controleert de wallet elke minuut opnieuw.',
  backToPassport: 'Terug naar mijn paspoort',
  detailType: 'Soort bewijs',
  detailLearning: 'Soort leren',
  detailIssuer: 'Uitgever',
  detailIssuerId: 'Identificatie uitgever',
  detailIssued: 'Uitgegeven op',
  detailExpires: 'Geldig tot',
  detailStatus: 'Status',
  detailAchievement: 'Prestatie',
  detailDescription: 'Omschrijving',
  detailCriteria: 'Hoe is beoordeeld',
  detailStandard: 'Beoordeeld tegen',
  standardKind_kwalificatiedossier: 'kwalificatiedossier',
  'standardKind_branch-standard': 'branchestandaard',
  standardKind_other: 'standaard',
  detailRoute: 'Route',
  'route_labour-market': 'arbeidsmarkt (om aan werkgevers te tonen)',
  route_education: 'onderwijs (richting een diploma)',
  detailAssessmentDate: 'Datum beoordeling',
  detailMethods: 'Beoordelingsmethoden',
  detailResults: 'Aangetoonde vaardigheden',
  detailSkill: 'Vaardigheid',
  detailLevel: 'Niveau',
  detailOutcome: 'Uitkomst',
  outcome_achieved: 'behaald',
  'outcome_partly-achieved': 'deels behaald',
  'outcome_not-achieved': 'niet behaald',
  detailOverall: 'Eindresultaat',
  detailLearningOutcomes: 'Leeruitkomsten',
  detailEducationLevel: 'Niveau',
  detailStudyLoad: 'Studielast',
  hours_one: '1 uur',
  hours_other: '{n} uur',
  ects: '{n} EC',
  detailAssessmentType: 'Toetsing',
  detailPeriod: 'Periode',
  periodOngoing: 'sinds {start}',
  detailWorkplace: 'Werkplek',
  detailRole: 'Functie',
  detailTasks: 'Taken',
  detailHoursPerWeek: 'Uren per week',
  detailAssessor: 'Beoordeeld of verklaard door',
  detailEvidence: 'Bewijsstukken',
  detailEvidenceNone: 'Geen bewijsstukken vermeld.',
  detailHolderName: 'Naam in het bewijs',
  detailReceived: 'Ontvangen in deze wallet',
  deleteCredential: 'Dit bewijs verwijderen',
  deleteConfirmTitle: '“{name}” verwijderen?',
  deleteConfirmText:
    'Het wordt uit deze wallet verwijderd. Je kunt het alleen terugkrijgen van de uitgever of uit een back-up.',
  deleteConfirm: 'Ja, verwijderen',
  cancel: 'Annuleren',
  deleted: '“{name}” is verwijderd.',
  receiveTitle: 'Een bewijs ontvangen',
  receiveIntro: 'Open een aanbod van een uitgever: plak de link, of scan de QR-code.',
  offerLinkLabel: 'Aanbodlink (openid-credential-offer://…)',
  openOffer: 'Aanbod openen',
  scanQr: 'QR-code scannen',
  stopScan: 'Stoppen met scannen',
  scanHelp: 'Richt de camera op de QR-code.',
  cameraUnavailable: 'De camera kan hier niet worden gebruikt. Plak de link.',
  offerFrom: '{issuer} biedt je aan',
  offerIssuerAddress: 'Adres van de uitgever',
  pinLabel: 'Pincode',
  pinHelp: 'Je hebt de pincode apart van de uitgever gekregen.',
  pinHelpLength_one: 'Je hebt een pincode van 1 cijfer apart van de uitgever gekregen.',
  pinHelpLength_other: 'Je hebt een pincode van {n} cijfers apart van de uitgever gekregen.',
  pinWrongLength_one: 'De pincode heeft 1 cijfer. Controleer wat je hebt ingevuld.',
  pinWrongLength_other: 'De pincode heeft {n} cijfers. Controleer of je ze allemaal hebt ingevuld.',
  accept: 'Accepteren en aan mijn paspoort toevoegen',
  decline: 'Weigeren',
  receiving: 'Bewijs ophalen en controleren…',
  received: '“{name}” is aan je paspoort toegevoegd.',
  viewCredential: 'Bekijk het bewijs',
  declined: 'Je hebt het aanbod geweigerd. Er is niets opgeslagen.',
  nameWarningTitle: 'Dit bewijs staat op een andere naam',
  nameWarningText:
    'Het staat op naam van {names}; deze wallet is ingesteld voor “{holder}”. Bewaar het alleen als het van jou is (een andere schrijfwijze, een vroegere naam). Er wordt niets opgeslagen tenzij je dat kiest.',
  nameWarningKeep: 'Het is van mij: bewaren',
  nameWarningDecline: 'Niet bewaren',
  reviewTitle: 'Bekijk het bewijs voordat je het bewaart',
  reviewIntro:
    'De wallet heeft het bewijs ontvangen en de handtekening van de uitgever gecontroleerd. Er wordt niets opgeslagen tot je kiest om het te bewaren.',
  reviewIssuer: 'Uitgegeven door (gecontroleerd)',
  reviewHolderName: 'Naam op het bewijs',
  reviewNoName: 'Er staat geen naam op',
  reviewValidity: 'Geldig',
  reviewValidFromUntil: 'van {from} tot {until}',
  reviewValidFrom: 'vanaf {from}, zonder einddatum',
  reviewNoSkills: 'Geen vaardigheden vermeld',
  reviewKeep: 'Bewaren in mijn paspoort',
  reviewDecline: 'Niet bewaren',
  shareTitle: 'Bewijzen delen',
  shareIntro: 'Open een verzoek van een werkgever of andere controleur: plak de link, of scan de QR-code.',
  requestLinkLabel: 'Verzoeklink (openid4vp://…)',
  openRequest: 'Verzoek openen',
  requestFrom: '{verifier} vraagt om',
  verifierAddress: 'Adres van de controleur',
  requestPurpose: 'Waarom ze het vragen',
  requestedCredential: 'Een van: {types}',
  requestedAnyCredential: 'Een bewijs',
  requestedOpenBadge: 'een Open Badge van elke uitgever',
  requestedClaims: 'Wat ze te zien krijgen: het hele bewijs.',
  wholeCredential:
    'Ze zien het hele bewijs: elke vaardigheid, de beoordelaar, het bewijsmateriaal en je naam.',
  willShare: 'Ze zien alleen dit:',
  alwaysShared: 'en wat voor bewijs het is: de titel, wie het heeft gegeven en wanneer.',
  notShared: 'Niet gedeeld: {list}.',
  otherSkills_one: '1 andere vaardigheid',
  otherSkills_other: '{n} andere vaardigheden',
  yourName: 'je naam',
  nameClaim: 'Je naam',
  requiredClaim: 'gevraagd als verplicht',
  optionalClaim: 'dit mag je weglaten',
  cannotShareRevoked: 'Ingetrokken: dit bewijs kun je niet meer delen.',
  sharedClaims: 'gedeeld: {list}',
  chooseCredentials: 'Kies wat je deelt',
  noMatchingCredentials: 'Je hebt geen bewijs dat bij dit verzoek past.',
  shareSelected: 'Gekozen bewijzen delen',
  sharing: 'Ondertekenen en versturen…',
  shareAccepted: '{verifier} heeft je bewijzen ontvangen.',
  shareRejected: '{verifier} heeft de presentatie niet geaccepteerd.',
  verifierSaid: 'De controleur meldt: {detail}',
  continueAtVerifier: 'Verder bij de controleur',
  shareDeclined:
    'Je hebt het verzoek geweigerd. Er is niets gedeeld. Zolang het verzoek openstaat, kun je de link opnieuw openen en antwoorden.',
  logTitle: 'Wat ik heb gedeeld',
  logEmpty: 'Je hebt nog niets gedeeld.',
  logWhen: 'Wanneer',
  logWith: 'Met',
  logWhat: 'Wat',
  logOutcome: 'Resultaat',
  outcomeLog_accepted: 'geaccepteerd',
  outcomeLog_rejected: 'geweigerd',
  outcomeLog_failed: 'niet afgeleverd',
  settingsTitle: 'Mijn wallet',
  didTitle: 'Mijn wallet-identificatie (DID)',
  didHelp:
    'Uitgevers zetten deze identificatie in de bewijzen die ze je geven. Hij is afgeleid van een sleutel die deze browser nooit verlaat.',
  copy: 'Kopiëren',
  copied: 'Gekopieerd.',
  storageTitle: 'Opslag',
  storagePersistent: 'Deze browser bewaart de gegevens van de wallet, ook als de ruimte krap wordt.',
  storageBestEffort:
    'Deze browser kan de gegevens van de wallet wissen als de ruimte krap wordt. Maak een back-up, of installeer de wallet als app.',
  languageTitle: 'Taal',
  holderNameTitle: 'Je naam',
  holderNameLabel: 'Je naam, zoals die op je bewijzen staat',
  holderNameHelp:
    'De wallet waarschuwt je voordat hij een bewijs op een andere naam opslaat. Je naam blijft in deze browser.',
  holderNameSave: 'Naam opslaan',
  holderNameSaved: 'Opgeslagen: de wallet vergelijkt de naam op nieuwe bewijzen met “{name}”.',
  holderNameCleared: 'Naam verwijderd: de wallet vergelijkt geen namen meer.',
  backupTitle: 'Back-up maken',
  backupIntro:
    'Bewaar alles (je sleutel, bewijzen en wat je deelde) in één bestand, versleuteld met een wachtzin. Bewaar bestand en wachtzin apart.',
  passphraseLabel: 'Wachtzin (minstens 10 tekens)',
  passphraseRepeatLabel: 'Herhaal de wachtzin',
  passphraseTooShort: 'Kies een wachtzin van minstens 10 tekens.',
  passphraseMismatch: 'De twee wachtzinnen verschillen.',
  makeBackup: 'Back-upbestand maken',
  backupMade: 'Back-upbestand klaar: {file}',
  downloadBackup: '{file} downloaden',
  restoreTitle: 'Terugzetten',
  restoreIntro: 'Vervang deze wallet door een back-up. Alles wat nu in deze wallet staat, wordt vervangen.',
  backupFileLabel: 'Back-upbestand',
  restorePassphraseLabel: 'Wachtzin van de back-up',
  restore: 'Back-up terugzetten',
  restoring: 'Ontsleutelen…',
  restored: 'Back-up teruggezet: {credentials}. Je wallet-identificatie is {did}.',
  restoreConfirmTitle: 'Vervangen wat in deze wallet staat?',
  restoreConfirmText_one:
    'Deze wallet bevat 1 bewijs. Terugzetten vervangt het, je wallet-identificatie en wat je deelde door wat in de back-up staat. Wat niet in de back-up staat, ben je kwijt: maak eerst een back-up van deze wallet als je het wilt houden.',
  restoreConfirmText_other:
    'Deze wallet bevat {n} bewijzen. Terugzetten vervangt ze, je wallet-identificatie en wat je deelde door wat in de back-up staat. Wat niet in de back-up staat, ben je kwijt: maak eerst een back-up van deze wallet als je het wilt houden.',
  restoreConfirm: 'Ja, vervangen door de back-up',
  restoreCancelled: 'Er is niets teruggezet. Je wallet is zoals hij was.',
  chooseFile: 'Kies eerst een back-upbestand.',
  working: 'Bezig…',
  exportTitle: 'Neem het mee',
  exportButton_ldp_vc: 'Downloaden als Open Badges 3.0-bestand',
  exportButton_jwt_vc_json: 'Downloaden als VC-JWT-bestand',
  'exportButton_dc+sd-jwt': 'Downloaden als SD-JWT VC-bestand',
  exportHelp_ldp_vc:
    'Het bewijs precies zoals {issuer} het uitgaf, met handtekening: een Open Badges 3.0-bewijs (W3C Verifiable Credentials 2.0, JSON-LD met een Data Integrity-bewijs), bestand {file}. Elke Open Badges 3.0-controle kan het nagaan.',
  exportHelp_jwt_vc_json:
    'Deze wallet heeft dit bewijs alleen als VC-JWT (een W3C Verifiable Credential ondertekend als JSON Web Token), niet als Open Badges 3.0-bestand: de download, {file}, is dat token precies zoals {issuer} het uitgaf.',
  'exportHelp_dc+sd-jwt':
    'Deze wallet heeft dit bewijs alleen als SD-JWT VC, niet als Open Badges 3.0-bestand: de download, {file}, is dat token precies zoals {issuer} het uitgaf, met alle gegevens erin leesbaar.',
  passportActions: 'Laat je paspoort aan anderen zien',
  publishLink: 'Controlelink publiceren',
  printPassport: 'Mijn paspoort afdrukken',
  publishTitle: 'Controlelink publiceren',
  publishIntro:
    'Zet gekozen bewijzen online achter een link. Wie de link of de QR-code heeft, kan ze controleren op de pagina van de controleur, tot je de link intrekt of hij verloopt.',
  publishWarning:
    'Iedereen met de link kan de gekozen bewijzen helemaal zien, ook de naam erop, en kan de link doorgeven. Trek hem in als hij niet meer nodig is.',
  publishChoose: 'Bewijzen achter de link',
  publishNotAllowed: 'Ingetrokken, opgeschorte, verlopen of niet-herkende bewijzen kun je niet publiceren.',
  publishServiceLabel: 'Publicatiedienst (webadres)',
  publishServiceHelp:
    'De controledienst die de link online zet; hij controleert elk bewijs voordat hij het publiceert.',
  publishButton: 'Link publiceren',
  publishing: 'Bezig met publiceren…',
  published: 'Je link staat online tot {date}.',
  publishedLinkLabel: 'Controlelink',
  qrAlt: 'QR-code van de link {url}',
  copyLink: 'Link kopiëren',
  publishedTitle: 'Gepubliceerde links',
  publishedNone: 'Je hebt geen link gepubliceerd.',
  publishedItem: 'Gepubliceerd {date}, online tot {until}',
  publishedCredentials_one: '1 bewijs: {names}',
  publishedCredentials_other: '{n} bewijzen: {names}',
  withdraw: 'Link intrekken',
  withdrawConfirmTitle: 'Deze link intrekken?',
  withdrawConfirmText:
    'Niemand kan hem dan nog openen, ook niet wie je hem gaf. Je kunt later een nieuwe link publiceren.',
  withdrawConfirm: 'Ja, intrekken',
  withdrawn: 'De link is ingetrokken. Niemand kan hem nog openen.',
  printTitle: 'Mijn paspoort afdrukken',
  printIntro: 'Kies wat op de afdruk komt (A4, zwart-wit), en druk af of bewaar als pdf.',
  printChoose: 'Bewijzen om af te drukken',
  printNotAllowed: 'Ingetrokken, opgeschorte, verlopen of niet-herkende bewijzen worden niet afgedrukt.',
  printButton: 'Afdrukken',
  printWithLink: 'Op de afdruk staat de QR-code van je controlelink {url}.',
  printWithoutLink:
    'Je hebt geen controlelink: de afdruk zegt hoe de bewijzen met hun bestanden te controleren zijn. Publiceer een link om er een QR-code op te zetten.',
  printHeading: 'Skills paspoort van {name}',
  printHeadingNoName: 'Skills paspoort',
  printIssued: '{issuer}, {date}',
  printVerifyOnline: 'Controleer deze bewijzen online: scan de QR-code of open',
  printVerifyFile:
    'Dit papier bewijst op zichzelf niets. Om een bewijs te controleren: vraag de houder om het bestand van het bewijs (een Open Badges 3.0-bestand uit de Skills Passport-wallet) en controleer het met een Open Badges 3.0-controle.',
  printPrinted: 'Afgedrukt op {date} uit de Skills Passport-wallet.',
  // career check (issue 16)
  navCareer: 'Loopbaancheck',
  careerTitle: 'Loopbaancheck',
  careerIntro:
    'Zie welke vaardigheden een beroep vraagt, en welke daarvan je bewijzen al laten zien. Dit wordt op dit apparaat uitgerekend: er wordt niets verstuurd.',
  careerLoading: 'De lijst met beroepen wordt geladen…',
  careerLoadFailed:
    'De lijst met beroepen kon niet worden geladen. Laad de pagina opnieuw om het nog eens te proberen.',
  careerReady: 'De loopbaancheck is klaar.',
  careerSearchTitle: 'Kies een beroep',
  careerSearchLabel: 'Naam van een beroep',
  careerSearchButton: 'Zoeken',
  careerEmptyQuery: 'Typ de naam van een beroep, bijvoorbeeld “zorghulp” of “kok”.',
  careerNoMatch: 'Geen beroep past bij “{q}”. Probeer een ander woord.',
  careerFound_one: '1 beroep gevonden.',
  careerFound_other: '{n} beroepen gevonden.',
  careerNoCredentials:
    'Je paspoort heeft nog geen bewijzen, dus er is nog niets bewezen. Ontvang een bewijs om te zien wat je al kunt laten zien.',
  careerFitTitle: 'Beroepen die bij je passen',
  careerFitIntro:
    'De beroepen waarvoor je bewijzen het grootste deel van de belangrijkste vaardigheden laten zien.',
  careerFitNone:
    'Als je bewijzen vaardigheden laten zien, staan hier de beroepen die daar het beste bij passen.',
  careerFitProven_one: '{proven} van 1 belangrijke vaardigheid bewezen',
  careerFitProven_other: '{proven} van {n} belangrijke vaardigheden bewezen',
  careerStillNeeds: 'Nog nodig: {skills}',
  careerAndMore_one: 'en nog 1',
  careerAndMore_other: 'en nog {n}',
  careerNothingMissing: 'Je bewijst alle belangrijke vaardigheden.',
  careerSummary_one: 'Je bewijst {proven} van 1 belangrijke vaardigheid.',
  careerSummary_other: 'Je bewijst {proven} van {n} belangrijke vaardigheden.',
  careerSummaryMore: 'Gedeeltelijk: {partly}. Nog niet: {notYet}.',
  careerEssentialTitle: 'Belangrijke vaardigheden',
  careerOptionalTitle: 'Andere nuttige vaardigheden',
  careerNoSkills: 'Dit beroep noemt geen vaardigheden van deze soort.',
  gap_proven: 'Bewezen',
  gap_partly: 'Gedeeltelijk',
  gap_not_yet: 'Nog niet',
  gapProvenBy: '{title}, van {issuer}, {date} ({learning})',
  gapLevel: 'niveau {level}',
  gapLower: 'Je hebt deze vaardigheid, maar nog niet op het gevraagde niveau: {proofs}.',
  gapPartlyAchieved: 'gedeeltelijk behaald',
  gapPartlyShown: 'Je hebt deze vaardigheid voor een deel laten zien: {proofs}.',
  gapNoLevel: 'geen niveau genoemd',
  gapSameGroup: 'Je bewijst een vaardigheid van dezelfde soort ({group}): {skills}.',
  gapNotYet: 'Geen van je bewijzen laat deze vaardigheid al zien.',
  careerBack: 'Kies een ander beroep',
  careerPrint: 'Deze check afdrukken',
  // ontwikkelplan (#/plan)
  planTitle: 'Mijn ontwikkelplan',
  planLoading: 'Je plan wordt geladen…',
  planNone:
    'Je hebt nog geen ontwikkelplan. Een adviseur van het Leerwerkloket kan er samen met jou een maken.',
  planNotFound: 'Dit plan staat niet in je wallet, of de wallet kan het niet lezen.',
  planToCareer: 'Bekijk welke beroepen bij je passen',
  planGoal: 'Je doel: werken als {occupation}',
  planAgreed: 'Afgesproken op {date} met {adviser}, {desk}.',
  planModulesTitle: 'Modules',
  planNoModules: 'Er staan geen modules in dit plan.',
  planBarLabel: 'Modules klaar',
  planProgress_one: '{done} van 1 module klaar',
  planProgress_other: '{done} van {n} modules klaar',
  planModuleDone: 'Klaar',
  planModuleNotYet: 'Nog niet',
  planModuleProvider: 'Van {provider}',
  planModuleHours: '{hours} uur studie',
  planModuleSkills: 'Je leert:',
  planModuleDoneBy: 'Klaar: {title}, van {issuer}',
  planStepsTitle: 'Volgende stappen',
  planStepDue: 'vóór {date}',
  planNoSteps: 'Er zijn geen volgende stappen opgeschreven.',
  planReview: 'Op {date} kijk je samen met je adviseur opnieuw naar dit plan.',
  planGapTitle: 'Vaardigheden voor {occupation}',
  planGapLoading: 'Je vaardigheden voor dit beroep worden geteld…',
  planGapBarLabel: 'Belangrijke vaardigheden die je bewijst',
  planGapLink: 'Bekijk welke vaardigheden voor {occupation} je nog nodig hebt',
  planGapFailed: 'De vaardigheden voor dit beroep kunnen nu niet getoond worden.',
  planPrint: 'Mijn plan afdrukken',
  planBack: 'Terug naar mijn paspoort',
  planFront_one: 'Je plan: {done} van 1 module klaar',
  planFront_other: 'Je plan: {done} van {n} modules klaar',
  planCredentialLink: 'Open mijn plan en bekijk hoe ver ik ben',
  careerEsco:
    'De beroepen en vaardigheden komen uit ESCO. Deze dienst gebruikt de ESCO-classificatie van de Europese Commissie.',
  printNoSkills: 'Geen vaardigheden vermeld.',
  vacancyCheckTitle: 'Een vacature checken',
  vacancyCheckIntro:
    'Plak de link van een vacature die een werkgever publiceerde. De wallet leest de vacature en vergelijkt die hier, op dit apparaat, met je paspoort. Er wordt niets over jou verstuurd.',
  vacancyLinkLabel: 'Link van de vacature',
  vacancyCheckButton: 'Checken',
  vacancyLoading: 'De vacature wordt gelezen…',
  vacancyReady: 'De vacature is vergeleken met je paspoort.',
  vacancyFrom: 'Vacature bij {employer}',
  vacancyUnverified:
    'Zo beschrijft de werkgever zichzelf en de baan. Niemand heeft deze beschrijving gecontroleerd.',
  vacancyOpenUntil: 'Open tot {date}.',
  vacancySummary_one: 'Je bewijst {proven} van 1 vereiste vaardigheid.',
  vacancySummary_other: 'Je bewijst {proven} van {n} vereiste vaardigheden.',
  vacancyRequiredTitle: 'Vereiste vaardigheden',
  vacancyOptionalTitle: 'Ook welkom',
  vacancyMinLevel: 'Minimaal niveau: {level}.',
  vacancyAnswerTitle: 'Op deze vacature reageren',
  vacancyAnswerIntro:
    'Als je dat wilt, vraagt de wallet de werkgever om een verzoek om op te reageren. Je ziet dan precies wat er gevraagd wordt en kiest wat je deelt. Zonder jouw toestemming wordt niets gedeeld.',
  vacancyAnswerButton: 'Op deze vacature reageren',
  vacancyAnswerLoading: 'De werkgever wordt om een verzoek gevraagd…',
  // module suggestions (issue 16 item 4)
  modulesTitle: 'Modules die het verschil kleiner maken',
  modulesIntro:
    'Erkende opleiders publiceren hun modules. Om te vinden welke je leren wat je nog nodig hebt, leest de wallet hun catalogus. Er gaat niets over jou mee: de vergelijking gebeurt hier, op dit apparaat.',
  modulesButton: 'Toon modules die het verschil kleiner maken',
  modulesLoading: 'De catalogi van erkende opleiders worden gelezen…',
  modulesFound_one: '1 module leert vaardigheden die je nog nodig hebt.',
  modulesFound_other:
    '{n} modules leren vaardigheden die je nog nodig hebt. De beste per uur studie staan bovenaan.',
  modulesNone: 'Geen module van de erkende opleiders leert een vaardigheid die je nog nodig hebt.',
  modulesNothingMissing: 'Je bewijst hier elke vaardigheid: er is niets meer te leren.',
  modulesNoTrustList:
    'De wallet heeft geen lijst met erkende opleiders, dus weet niet welke catalogi hij mag lezen.',
  modulesChooseList: 'Kies een lijst bij Mijn wallet',
  modulesNoProviders: 'Nog geen erkende opleider publiceert een catalogus.',
  modulesProviderFailed:
    'De catalogus van {provider} kan nu niet gelezen worden. De modules daarvan ontbreken hier. Probeer het later nog eens.',
  modulesFrom: 'Van {provider}, een erkende opleider',
  modulesCloses: 'Leert wat je nog nodig hebt:',
  modulesEssential: 'belangrijk',
  modulesPartly: 'je laat het gedeeltelijk zien',
  modulesStudyLoad: 'Studielast',
  modulesHours_one: '1 uur',
  modulesHours_other: '{n} uur',
  modulesEcts: '{ects} EC',
  modulesLevel: 'Niveau',
  modulesNlqfEntry: 'entree',
  modulesMode: 'Hoe',
  mode_online: 'Online',
  mode_classroom: 'In een lokaal',
  mode_blended: 'Online en in een lokaal',
  mode_workplace: 'Op de werkplek',
  modulesRegion: 'Regio',
  modulesStart: 'Volgende start',
  modulesNoStart: 'Nog geen startdatum gepland',
  modulesPrice: 'Prijs',
  modulesFree: 'Gratis',
  modulesNoPrice: 'Vraag het de opleider',
  modulesMicro: 'Eindigt in een microcredential',
  modulesYes: 'Ja',
  modulesNo: 'Nee',
  modulesPlanTitle: 'De kortste weg',
  modulesPlan_one:
    'Deze module maakt {closed} van de {open} belangrijke vaardigheden die je nog nodig hebt af: {hours} studie.',
  modulesPlan_other:
    'Deze {n} modules samen maken {closed} van de {open} belangrijke vaardigheden die je nog nodig hebt af: {hours} studie.',
  modulesPlanOpen: 'Nog geen erkende module leert: {skills}.',
  // trust list (Settings)
  trustTitle: 'Erkende organisaties',
  trustIntro:
    'De wallet leest alleen modulecatalogi van opleiders op deze lijst: de lijst met erkende organisaties die de verifier van een werkgever ook gebruikt.',
  trustInUse: 'Lijst in gebruik:',
  trustFromConfig: '(ingesteld door deze wallet)',
  trustFromSettings: '(door jou gekozen)',
  trustNone: 'Er is geen lijst in gebruik: de wallet leest geen catalogi.',
  trustUrlLabel: 'Adres van een andere lijst (https)',
  trustSave: 'Deze lijst gebruiken',
  trustClear: 'Geen lijst gebruiken',
  trustReset: 'De eigen lijst van deze wallet gebruiken',
  trustSaved: 'Opgeslagen. De wallet gebruikt nu deze keuze.',
};

/** Plain-language messages per error code; codes without one fall back to `ERR_INTERNAL`. */
const errorsEn: Partial<Record<WalletErrorCode, string>> = {
  ERR_OFFER_INVALID: 'This is not a valid credential offer. Check that you copied the whole link.',
  ERR_ISSUER_UNREACHABLE: 'The issuer cannot be reached. Try again later, or ask the issuer for a new offer.',
  ERR_OFFER_REDEEMED:
    'This offer has already been used. If it was not you, tell the issuer; ask them for a new offer.',
  ERR_OFFER_EXPIRED: 'This offer has expired. Ask the issuer for a new one.',
  ERR_OFFER_UNKNOWN:
    'The issuer does not know this offer: the link may be incomplete, or the offer no longer exists. Check that you copied the whole link, or ask the issuer for a new offer.',
  ERR_OFFER_WITHDRAWN:
    'The issuer has withdrawn this offer. Nothing was stored. If you still expect this credential, ask the issuer for a new offer.',
  ERR_PIN_REQUIRED: 'Type the PIN code the issuer gave you. Nothing was sent.',
  ERR_TOKEN_REFUSED:
    'The issuer refused: the PIN code is wrong, or the offer has expired or was already used.',
  ERR_ISSUANCE_REFUSED: 'The issuer refused to issue the credential. Ask the issuer for a new offer.',
  ERR_CREDENTIAL_JWT_INVALID: 'The issuer sent something that is not a credential. Nothing was stored.',
  ERR_SIGNATURE_INVALID:
    'The credential’s signature does not match the issuer’s published key: it may have been tampered with. Nothing was stored.',
  ERR_HOLDER_MISMATCH:
    'This credential was issued to someone else’s wallet, not to yours. Nothing was stored.',
  ERR_DID_METHOD_UNSUPPORTED:
    'This credential’s issuer is not identified by a web address, so who issued it cannot be checked. Nothing was stored.',
  ERR_DID_RESOLUTION_FAILED:
    'The issuer’s identity could not be checked: its identifier document cannot be fetched or holds no usable key. Nothing was stored.',
  ERR_CREDENTIAL_REVOKED: 'The issuer has already revoked this credential. Nothing was stored.',
  ERR_CREDENTIAL_SUSPENDED: 'The issuer has suspended this credential. Nothing was stored.',
  ERR_CREDENTIAL_EXPIRED: 'This credential has already expired. Nothing was stored.',
  ERR_CREDENTIAL_NOT_YET_VALID:
    'This credential is not valid yet (its start date is in the future). Nothing was stored; ask the issuer.',
  ERR_STATUS_LIST_UNREACHABLE:
    'The credential’s status (revoked or not) cannot be checked right now. Nothing was stored; try again later.',
  ERR_CREDENTIAL_DUPLICATE: 'This credential is already in your wallet.',
  ERR_SCHEMA_INVALID: 'The credential does not follow the Skills Passport model. Nothing was stored.',
  ERR_UNKNOWN_CREDENTIAL_TYPE: 'This kind of credential is not supported by this wallet. Nothing was stored.',
  ERR_REQUEST_INVALID:
    'This is not a valid request to share credentials. Check that you copied the whole link.',
  ERR_CLIENT_ID_MISMATCH:
    'This request is not what it claims to be: the verifier’s identity does not match the address it came from or answers to. Nothing was shared.',
  ERR_VERIFIER_UNREACHABLE: 'The verifier cannot be reached. Try again later.',
  ERR_REQUEST_UNKNOWN:
    'The verifier does not know this request: the link may be incomplete, or the request no longer exists. Check the link, or ask for a new request.',
  ERR_REQUEST_EXPIRED: 'This request has expired. Nothing was shared; ask the employer for a new one.',
  ERR_REQUEST_ALREADY_ANSWERED:
    'This request has already been answered. Nothing was shared; ask the employer for a new request to answer again.',
  ERR_REQUEST_CLOSED:
    'This request is no longer open: it has expired or has already been answered. Nothing was shared; ask for a new request.',
  ERR_PRESENTATION_REJECTED: 'The verifier did not accept the presentation.',
  ERR_NOTHING_SELECTED: 'Choose at least one credential to share.',
  ERR_TOO_MANY_CREDENTIALS:
    'This verifier takes fewer credentials of this kind than you chose. Choose fewer, and share again.',
  ERR_PRESENTATION_INVALID:
    'One of the chosen credentials cannot be presented in the form this verifier asks for. Nothing was shared.',
  ERR_BACKUP_PASSPHRASE: 'Wrong passphrase. Nothing was changed.',
  ERR_BACKUP_DAMAGED:
    'This file is not a usable wallet backup: it is damaged or not a backup. Nothing was changed.',
  ERR_INSECURE_URL: 'The address is not secure (https is required). Nothing was done.',
  ERR_PUBLICATION_INVALID:
    'The publication service did not accept the chosen credentials: one of them does not check out there (revoked, expired, or its issuer not recognised). Nothing was published.',
  ERR_PUBLICATION_UNKNOWN: 'The publication service does not know this link (any more). Nobody can open it.',
  ERR_PUBLICATION_WITHDRAWN: 'This link was already withdrawn or has expired. Nobody can open it.',
  ERR_PUBLICATION_UNREACHABLE:
    'The publication service cannot be reached, or gave no usable answer. Nothing was changed; try again later.',
  ERR_PUBLICATION_TOO_MANY: 'A link can hold at most 20 credentials. Choose fewer. Nothing was published.',
  ERR_VACANCY_UNKNOWN:
    'The employer’s service does not know this vacancy: the link may be incomplete. Check that you copied the whole link.',
  ERR_VACANCY_WITHDRAWN:
    'The employer has withdrawn this vacancy, or it has closed. You can no longer answer it.',
  ERR_VACANCY_UNREACHABLE:
    'The vacancy cannot be opened: the employer’s service cannot be reached right now. Try again later.',
  ERR_VACANCY_INVALID:
    'This link does not lead to a vacancy, or the employer’s service gave an answer the wallet cannot read. Nothing was shared.',
  ERR_INTAKE_UNKNOWN:
    'The EVC provider does not know this intake (any more). Check that you copied the whole link.',
  ERR_INTAKE_UNREACHABLE: 'The EVC provider cannot be reached now. Nothing was sent. Try again later.',
  ERR_INTAKE_INVALID:
    'This link does not lead to an EVC intake, or the provider gave an answer the wallet cannot read. Nothing was sent.',
  ERR_WALLET_CONFIG_INVALID:
    'The wallet’s configuration file cannot be used, so it sets no list of recognised organisations.',
  ERR_TRUST_LIST_UNREACHABLE:
    'The list of recognised organisations cannot be read right now. Try again later.',
  ERR_TRUST_LIST_INVALID:
    'The list of recognised organisations gave an answer the wallet cannot read. Check its address under My wallet.',
  ERR_CATALOGUE_UNREACHABLE: 'The training provider’s catalogue cannot be read right now. Try again later.',
  ERR_CATALOGUE_INVALID: 'The training provider’s catalogue gave an answer the wallet cannot read.',
  ERR_INTERNAL: 'Something went wrong. Nothing was changed.',
};

const errorsNl: Partial<Record<WalletErrorCode, string>> = {
  ERR_OFFER_INVALID: 'Dit is geen geldig aanbod. Controleer of je de hele link hebt gekopieerd.',
  ERR_ISSUER_UNREACHABLE:
    'De uitgever is niet bereikbaar. Probeer het later opnieuw, of vraag de uitgever om een nieuw aanbod.',
  ERR_OFFER_REDEEMED:
    'Dit aanbod is al gebruikt. Was jij dat niet, meld het dan aan de uitgever; vraag om een nieuw aanbod.',
  ERR_OFFER_EXPIRED: 'Dit aanbod is verlopen. Vraag de uitgever om een nieuw aanbod.',
  ERR_OFFER_UNKNOWN:
    'De uitgever kent dit aanbod niet: de link is misschien onvolledig, of het aanbod bestaat niet meer. Controleer of je de hele link hebt gekopieerd, of vraag de uitgever om een nieuw aanbod.',
  ERR_OFFER_WITHDRAWN:
    'De uitgever heeft dit aanbod ingetrokken. Er is niets opgeslagen. Verwacht je dit bewijs nog, vraag de uitgever dan om een nieuw aanbod.',
  ERR_PIN_REQUIRED: 'Vul de pincode in die je van de uitgever kreeg. Er is niets verstuurd.',
  ERR_TOKEN_REFUSED: 'De uitgever weigert: de pincode is onjuist, of het aanbod is verlopen of al gebruikt.',
  ERR_ISSUANCE_REFUSED: 'De uitgever weigert het bewijs uit te geven. Vraag de uitgever om een nieuw aanbod.',
  ERR_CREDENTIAL_JWT_INVALID: 'De uitgever stuurde iets dat geen bewijs is. Er is niets opgeslagen.',
  ERR_SIGNATURE_INVALID:
    'De handtekening van het bewijs klopt niet met de gepubliceerde sleutel van de uitgever: er is mogelijk mee geknoeid. Er is niets opgeslagen.',
  ERR_HOLDER_MISMATCH:
    'Dit bewijs is uitgegeven aan de wallet van iemand anders, niet aan de jouwe. Er is niets opgeslagen.',
  ERR_DID_METHOD_UNSUPPORTED:
    'De uitgever van dit bewijs heeft geen webadres als identiteit, dus wie het uitgaf is niet te controleren. Er is niets opgeslagen.',
  ERR_DID_RESOLUTION_FAILED:
    'De identiteit van de uitgever kon niet worden gecontroleerd: het identificatiedocument is niet op te halen of bevat geen bruikbare sleutel. Er is niets opgeslagen.',
  ERR_CREDENTIAL_REVOKED: 'De uitgever heeft dit bewijs al ingetrokken. Er is niets opgeslagen.',
  ERR_CREDENTIAL_SUSPENDED: 'De uitgever heeft dit bewijs opgeschort. Er is niets opgeslagen.',
  ERR_CREDENTIAL_EXPIRED: 'Dit bewijs is al verlopen. Er is niets opgeslagen.',
  ERR_CREDENTIAL_NOT_YET_VALID:
    'Dit bewijs is nog niet geldig (de begindatum ligt in de toekomst). Er is niets opgeslagen; vraag het de uitgever.',
  ERR_STATUS_LIST_UNREACHABLE:
    'De status van het bewijs (ingetrokken of niet) kan nu niet worden gecontroleerd. Er is niets opgeslagen; probeer het later opnieuw.',
  ERR_CREDENTIAL_DUPLICATE: 'Dit bewijs staat al in je wallet.',
  ERR_SCHEMA_INVALID: 'Het bewijs volgt het Skills Passport-model niet. Er is niets opgeslagen.',
  ERR_UNKNOWN_CREDENTIAL_TYPE: 'Deze soort bewijs kent deze wallet niet. Er is niets opgeslagen.',
  ERR_REQUEST_INVALID:
    'Dit is geen geldig verzoek om bewijzen te delen. Controleer of je de hele link hebt gekopieerd.',
  ERR_CLIENT_ID_MISMATCH:
    'Dit verzoek is niet wat het zegt te zijn: de identiteit van de controleur past niet bij het adres waar het vandaan komt of naartoe antwoordt. Er is niets gedeeld.',
  ERR_VERIFIER_UNREACHABLE: 'De controleur is niet bereikbaar. Probeer het later opnieuw.',
  ERR_REQUEST_UNKNOWN:
    'De controleur kent dit verzoek niet: de link is misschien onvolledig, of het verzoek bestaat niet meer. Controleer de link, of vraag om een nieuw verzoek.',
  ERR_REQUEST_EXPIRED:
    'Dit verzoek is verlopen. Er is niets gedeeld; vraag de werkgever om een nieuw verzoek.',
  ERR_REQUEST_ALREADY_ANSWERED:
    'Dit verzoek is al beantwoord. Er is niets gedeeld; vraag de werkgever om een nieuw verzoek om opnieuw te antwoorden.',
  ERR_REQUEST_CLOSED:
    'Dit verzoek staat niet meer open: het is verlopen of al beantwoord. Er is niets gedeeld; vraag om een nieuw verzoek.',
  ERR_PRESENTATION_REJECTED: 'De controleur heeft de presentatie niet geaccepteerd.',
  ERR_NOTHING_SELECTED: 'Kies minstens één bewijs om te delen.',
  ERR_TOO_MANY_CREDENTIALS:
    'Deze controleur neemt minder bewijzen van deze soort aan dan je koos. Kies er minder en deel opnieuw.',
  ERR_PRESENTATION_INVALID:
    'Een van de gekozen bewijzen kan niet worden gedeeld in de vorm die deze controleur vraagt. Er is niets gedeeld.',
  ERR_BACKUP_PASSPHRASE: 'Onjuiste wachtzin. Er is niets veranderd.',
  ERR_BACKUP_DAMAGED:
    'Dit bestand is geen bruikbare back-up van de wallet: het is beschadigd of geen back-up. Er is niets veranderd.',
  ERR_INSECURE_URL: 'Het adres is niet beveiligd (https is nodig). Er is niets gedaan.',
  ERR_PUBLICATION_INVALID:
    'De publicatiedienst accepteerde de gekozen bewijzen niet: een ervan klopt daar niet (ingetrokken, verlopen of een niet-herkende uitgever). Er is niets gepubliceerd.',
  ERR_PUBLICATION_UNKNOWN: 'De publicatiedienst kent deze link niet (meer). Niemand kan hem openen.',
  ERR_PUBLICATION_WITHDRAWN: 'Deze link is al ingetrokken of verlopen. Niemand kan hem openen.',
  ERR_PUBLICATION_UNREACHABLE:
    'De publicatiedienst is niet bereikbaar, of gaf geen bruikbaar antwoord. Er is niets veranderd; probeer het later opnieuw.',
  ERR_PUBLICATION_TOO_MANY:
    'Een link kan hoogstens 20 bewijzen bevatten. Kies er minder. Er is niets gepubliceerd.',
  ERR_VACANCY_UNKNOWN:
    'De dienst van de werkgever kent deze vacature niet: de link is misschien onvolledig. Controleer of je de hele link hebt gekopieerd.',
  ERR_VACANCY_WITHDRAWN:
    'De werkgever heeft deze vacature ingetrokken, of ze is gesloten. Je kunt er niet meer op reageren.',
  ERR_VACANCY_UNREACHABLE:
    'De vacature kan niet worden geopend: de dienst van de werkgever is nu niet bereikbaar. Probeer het later opnieuw.',
  ERR_VACANCY_INVALID:
    'Deze link leidt niet naar een vacature, of de dienst van de werkgever gaf een antwoord dat de wallet niet kan lezen. Er is niets gedeeld.',
  ERR_INTAKE_UNKNOWN:
    'De EVC-aanbieder kent deze intake niet (meer). Controleer of je de hele link hebt gekopieerd.',
  ERR_INTAKE_UNREACHABLE:
    'De EVC-aanbieder is nu niet bereikbaar. Er is niets verstuurd. Probeer het later opnieuw.',
  ERR_INTAKE_INVALID:
    'Deze link leidt niet naar een EVC-intake, of de aanbieder gaf een antwoord dat de wallet niet kan lezen. Er is niets verstuurd.',
  ERR_WALLET_CONFIG_INVALID:
    'Het instellingenbestand van de wallet is niet bruikbaar, dus stelt het geen lijst met erkende organisaties in.',
  ERR_TRUST_LIST_UNREACHABLE:
    'De lijst met erkende organisaties kan nu niet gelezen worden. Probeer het later nog eens.',
  ERR_TRUST_LIST_INVALID:
    'De lijst met erkende organisaties gaf een antwoord dat de wallet niet kan lezen. Controleer het adres bij Mijn wallet.',
  ERR_CATALOGUE_UNREACHABLE:
    'De catalogus van de opleider kan nu niet gelezen worden. Probeer het later nog eens.',
  ERR_CATALOGUE_INVALID: 'De catalogus van de opleider gaf een antwoord dat de wallet niet kan lezen.',
  ERR_INTERNAL: 'Er ging iets mis. Er is niets veranderd.',
};

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, nl };
const ERRORS: Record<Lang, Partial<Record<WalletErrorCode, string>>> = { en: errorsEn, nl: errorsNl };

let current: Lang = 'en';

/** The language to start in: the stored choice, else the browser's first supported language. */
export function initialLang(stored: string | undefined, preferred: readonly string[]): Lang {
  if (stored === 'nl' || stored === 'en') return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nl' || base === 'en') return base;
  }
  return 'en';
}

/** Switches the language of every message; the caller updates the page's `lang` attribute. */
export function setLang(lang: Lang): void {
  current = lang;
}

export function lang(): Lang {
  return current;
}

/** The message `key` in the current language with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[current][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(params[name] ?? `{${name}}`),
  );
}

/** A message with a count in it: the keys `<base>_one`, `<base>_other` (and so on) of a message. */
export type PluralBase = MessageKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;

const pluralRules = new Map<Lang, Intl.PluralRules>();

/**
 * The form of message `base` for `count`, by the language's plural rules (`Intl.PluralRules`):
 * "1 vaardigheid" / "2 vaardigheden", "1 skill" / "2 skills". `{n}` is the count.
 */
export function plural(
  base: PluralBase,
  count: number,
  params: Record<string, string | number> = {},
): string {
  let rules = pluralRules.get(current);
  if (rules === undefined) {
    rules = new Intl.PluralRules(current);
    pluralRules.set(current, rules);
  }
  const table = MESSAGES[current] as Record<string, string>;
  const key = `${base}_${rules.select(count)}`;
  const text = table[key] ?? table[`${base}_other`]!;
  return text.replace(/\{(\w+)\}/g, (_, name: string) =>
    String(name === 'n' ? count : (params[name] ?? `{${name}}`)),
  );
}

/** The message for a dynamic key (status, outcome, route ...), or the raw value when unknown. */
export function tAny(key: string, fallback: string): string {
  return (MESSAGES[current] as Record<string, string>)[key] ?? fallback;
}

/** A plain-language message for an error code. */
export function errorMessage(code: WalletErrorCode, language: Lang = current): string {
  return ERRORS[language][code] ?? ERRORS[language].ERR_INTERNAL!;
}

/** A date (RFC 3339) as the learner reads it. */
// One formatter per language and style: toLocaleDateString with options builds a new
// Intl.DateTimeFormat on every call, which costs more than the rest of a card (the passport
// formats a date per credential and per proof, thousands for a full wallet).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: 'date' | 'calendarDate' | 'dateTime' | 'time'): Intl.DateTimeFormat {
  const locale = current === 'nl' ? 'nl-NL' : 'en-GB';
  const key = `${locale} ${style}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(
      locale,
      style === 'dateTime'
        ? { dateStyle: 'medium', timeStyle: 'short' }
        : style === 'time'
          ? { timeStyle: 'short' }
          : {
              day: 'numeric',
              month: 'long',
              year: 'numeric',
              ...(style === 'calendarDate' ? { timeZone: 'UTC' } : {}),
            },
    );
    formatters.set(key, f);
  }
  return f;
}

export function formatDate(value: string | undefined): string {
  if (value === undefined) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return formatter('date').format(date);
}

/**
 * A date an issuer wrote into a credential (issued, assessed, valid until), as the calendar day it
 * wrote: `2026-11-26T00:00:00+01:00` is 26 November on every device, not 25 November west of
 * Amsterdam. Moments this device recorded itself use {@link formatDate}.
 */
export function formatCalendarDate(value: string | undefined): string {
  if (value === undefined) return '';
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (day === null) return formatDate(value);
  // Credentials issued together share their days: each day is formatted once per language.
  const key = `${current} ${day[0]}`;
  const known = calendarDays.get(key);
  if (known !== undefined) return known;
  const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12));
  if (Number.isNaN(date.getTime())) return value;
  const text = formatter('calendarDate').format(date);
  calendarDays.set(key, text);
  return text;
}
const calendarDays = new Map<string, string>();

/** A moment of today as the learner reads a time ("14:05"). */
export function formatTime(value: Date): string {
  return formatter('time').format(value);
}

export function formatDateTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return formatter('dateTime').format(date);
}
