/** One UK mobile number in every spelling people use (Ofcom's drama range, so never a real person's). */
export const SPELLINGS = [
  '07700900461',
  '07700 900461',
  '+44 7700 900461',
  '0044 7700 900461',
  '(07700) 900 461',
  '+44 (0)7700 900461',
  '+447700900461',
  '07700-900-461',
];
