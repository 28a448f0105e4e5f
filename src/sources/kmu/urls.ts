/** kmu.gov.ua (Government portal) English copies: one slug per date, 2022-09 to 2024-02. */
export const KMU_BASE_URL = 'https://www.kmu.gov.ua';

export function kmuUrlsFor(date: string): string[] {
  const [year = '', month = '', day = ''] = date.split('-');
  return [`${KMU_BASE_URL}/en/news/zahalni-boiovi-vtraty-protyvnyka-z-24022022-po-${day}${month}${year}`];
}
