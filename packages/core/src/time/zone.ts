// Apart from china-time.ts so that the name alone (the web formats times with Intl) does not bring dayjs.
/**
 * Schools keep China time (UTC+8, no daylight saving): a campaign's opening day, a term's first and last
 * day, a student's age, an audit search by day and every time shown to a user are reckoned on the China
 * calendar, whatever the server's or the phone's time zone. The zone is named here and nowhere else.
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
