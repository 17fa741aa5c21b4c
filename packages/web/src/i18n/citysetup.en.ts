import type zhCN from './citysetup.zh-CN';

const en: typeof zhCN = {
  partnerHospital: {
    label: 'Partner hospital (green channel)',
    help: "This school's referrals offer this hospital first.",
    option: "{{name}} (the school's partner hospital)",
  },
  peers: {
    title: "The class's peer supporters",
    intro:
      'Peer supporters are students of the class. They report what they notice about classmates through "Observe"; they never see any result.',
    none: 'The class has no peer supporter yet.',
    choose: 'Choose a student of the class',
    appoint: 'Appoint as peer supporter',
    appointed: 'Appointed.',
    remove: 'Remove',
    removed: 'Removed.',
    removeConfirm: 'Remove {{name}} as peer supporter?',
    cancel: 'Cancel',
  },
  orgImport: {
    title: 'Import the org tree from Excel',
    intro:
      "One sheet builds districts, schools, grades, classes and each school's partner hospital: each row goes down to a class (or stops at a school or district), repeating its parents. Units that exist are not created again.",
    templateZh: 'Chinese template',
    templateEn: 'English template',
    choose: 'Choose a file (.xlsx or .csv)',
    preview: 'Preview',
    apply: 'Import',
    again: 'Import another file',
    rows: '{{n}} rows',
    counts: '{{create}} to create, {{update}} to change, {{exists}} already there',
    nothingNew: 'Every unit in the file exists already; importing creates nothing.',
    errorsTitle: '{{n}} errors: nothing in the file will be imported. Fix them and upload again.',
    appliedTitle: 'Imported',
    appliedCounts: '{{create}} created, {{update}} changed, {{exists}} already there.',
    colRow: 'Row',
    colColumn: 'Column',
    colMessage: 'Problem',
    colKind: 'Kind',
    colPath: 'Unit',
    colStatus: 'Result',
    kind: {
      district: 'District',
      school: 'School',
      grade: 'Grade',
      class: 'Class',
      hospital: 'Partner hospital',
      partnerHospital: "School's partner hospital",
    },
    status: { create: 'New', exists: 'Exists', update: 'Change' },
  },
};
export default en;
