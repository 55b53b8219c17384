// Names of the daily work's audit actions and entities, merged into the audit page's labels.
type Labels = Record<string, { zh: string; en: string }>;

export const dailyActionLabels: Labels = {
  'rollCall.take': { zh: '点名', en: 'Roll call taken' },
  'rollCall.correct': { zh: '更正点名', en: 'Roll call corrected' },
  'rollCall.print': { zh: '打印点名表', en: 'Roll-call sheet printed' },
  'read.sensitive': { zh: '查看敏感信息', en: 'Sensitive data read' },
  'handover.record': { zh: '交接', en: 'Handover recorded' },
  'careLog.write': { zh: '填写看管记录', en: 'Care log written' },
  'careLog.correct': { zh: '修改看管记录', en: 'Care log corrected' },
  'leave.report': { zh: '请假', en: 'Leave reported' },
  'leave.cancel': { zh: '撤销请假', en: 'Leave cancelled' },
  'staffAttendance.checkIn': { zh: '教师签到', en: 'Staff checked in' },
  'staffAttendance.absent': { zh: '记教师缺勤', en: 'Staff absence recorded' },
  'staffAttendance.rule': { zh: '认定教师考勤', en: 'Staff attendance ruled' },
  'emergencyPlan.write': { zh: '修改应急预案', en: 'Emergency plan saved' },
};

export const dailyEntityLabels: Labels = {
  roll_call: { zh: '点名', en: 'Roll call' },
  temp_class: { zh: '临时班', en: 'Temporary class' },
  handover: { zh: '交接', en: 'Handover' },
  care_log: { zh: '看管记录', en: 'Care log' },
  leave_request: { zh: '请假', en: 'Leave' },
  staff_attendance: { zh: '教师考勤', en: 'Staff attendance' },
  emergency_plan: { zh: '应急预案', en: 'Emergency plan' },
};
