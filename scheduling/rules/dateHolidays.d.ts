// date-holidays-parser ships types its package.json does not export; date-holidays' own `./data`
// export has none. The parser is date-holidays' class without the data of every country.
declare module 'date-holidays-parser' {
  import type Holidays from 'date-holidays';
  const HolidaysParser: new (data: object, country: string, state?: string) => Holidays;
  export default HolidaysParser;
}

declare module 'date-holidays/data' {
  export const data: {
    readonly version: string;
    readonly license: string;
    readonly holidays: Readonly<Record<string, object>>;
    readonly names: Readonly<Record<string, object>>;
  };
}
