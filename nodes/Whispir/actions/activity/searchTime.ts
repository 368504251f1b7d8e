/**
 * Whispir's activity search takes `dd/mm/yyyy hh:mm` (API doc L7705). n8n's date fields give ISO
 * text (`2024-03-05T09:30:00`, maybe with seconds or a zone); its date and time are used as
 * written, without converting the zone, so the search means the time the user picked. Text already
 * in Whispir's form passes through. Anything else: undefined.
 */
export function whispirSearchTime(value: string): string | undefined {
	const text = value.trim();
	const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(text);
	if (iso) {
		const [, year, month, day, hour = '00', minute = '00'] = iso;
		return `${day}/${month}/${year} ${hour}:${minute}`;
	}
	const whispir = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}))?$/.exec(text);
	if (whispir) {
		const [, day, month, year, hour = '00', minute = '00'] = whispir;
		return `${day}/${month}/${year} ${hour}:${minute}`;
	}
	return undefined;
}
