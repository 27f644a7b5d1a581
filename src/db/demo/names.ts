/**
 * Fictitious names by country of origin, for demo data only. Twelve countries, as in the
 * seed documents ("The families are from 12 different countries of origin").
 */
export const countries = {
  SO: {
    languages: ['so'],
    first: ['Ayaan', 'Hodan', 'Farhan', 'Abdi', 'Ifrah', 'Liban', 'Sahra', 'Mahad'],
    last: ['Warsame', 'Jama', 'Abdullahi', 'Hirsi', 'Ismail'],
  },
  LB: {
    languages: ['ar'],
    first: ['Rami', 'Nour', 'Layla', 'Karim', 'Maya', 'Ziad', 'Rana', 'Fadi'],
    last: ['Haddad', 'Khoury', 'Mansour', 'Saleh', 'Nasser'],
  },
  IQ: {
    languages: ['ar', 'ku'],
    first: ['Ali', 'Zainab', 'Hassan', 'Noor', 'Mustafa', 'Huda', 'Omar', 'Sara'],
    last: ['Al-Jaburi', 'Kareem', 'Hussein', 'Jawad', 'Rashid'],
  },
  PS: {
    languages: ['ar'],
    first: ['Yousef', 'Amal', 'Khaled', 'Dina', 'Tariq', 'Lina', 'Samir', 'Reem'],
    last: ['Odeh', 'Barghouti', 'Hamdan', 'Qasim', 'Darwish'],
  },
  TR: {
    languages: ['tr'],
    first: ['Emre', 'Elif', 'Mehmet', 'Zeynep', 'Burak', 'Ayşe', 'Can', 'Selin'],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik'],
  },
  SY: {
    languages: ['ar'],
    first: ['Ahmad', 'Rasha', 'Bilal', 'Hiba', 'Majd', 'Yara', 'Fares', 'Salma'],
    last: ['Al-Khatib', 'Haj', 'Suleiman', 'Kanaan', 'Issa'],
  },
  AF: {
    languages: ['fa', 'ps'],
    first: ['Farid', 'Mariam', 'Jawid', 'Parwana', 'Nasir', 'Shabnam', 'Wahid', 'Laila'],
    last: ['Ahmadi', 'Rahimi', 'Popal', 'Hakimi', 'Noori'],
  },
  IR: {
    languages: ['fa'],
    first: ['Reza', 'Shirin', 'Dariush', 'Nasrin', 'Kian', 'Leila', 'Arash', 'Mina'],
    last: ['Hosseini', 'Karimi', 'Moradi', 'Tehrani', 'Sadeghi'],
  },
  BA: {
    languages: ['bs'],
    first: ['Amir', 'Lejla', 'Edin', 'Amra', 'Haris', 'Selma', 'Damir', 'Ajla'],
    last: ['Hodžić', 'Begić', 'Mehmedović', 'Kovačević', 'Delić'],
  },
  ER: {
    languages: ['ti'],
    first: ['Yonas', 'Helen', 'Samuel', 'Senait', 'Daniel', 'Rahel', 'Filmon', 'Luwam'],
    last: ['Tesfay', 'Ghebre', 'Haile', 'Kidane', 'Berhe'],
  },
  VN: {
    languages: ['vi'],
    first: ['Minh', 'Lan', 'Tuan', 'Hoa', 'Duc', 'Mai', 'Quang', 'Thu'],
    last: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang'],
  },
  PK: {
    languages: ['ur'],
    first: ['Imran', 'Ayesha', 'Usman', 'Fatima', 'Bilal', 'Sana', 'Hamza', 'Mehwish'],
    last: ['Khan', 'Butt', 'Chaudhry', 'Malik', 'Qureshi'],
  },
} as const satisfies Record<
  string,
  { languages: readonly string[]; first: readonly string[]; last: readonly string[] }
>;

export type CountryCode = keyof typeof countries;
export const countryCodes = Object.keys(countries) as CountryCode[];

export const staffFirst = [
  'Mette',
  'Lars',
  'Saima',
  'Jonas',
  'Pernille',
  'Ahmed',
  'Camilla',
  'Søren',
  'Fatima',
  'Rasmus',
  'Louise',
  'Kasper',
  'Nadia',
  'Mikkel',
];
export const staffLast = [
  'Jensen',
  'Nielsen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Madsen',
];

/** Streets in the style of Gellerupparken's; all addresses are fictitious. */
export const streets = [
  'Dortesvej',
  'Gudrunsvej',
  'Janesvej',
  'Bentesvej',
  'Annasvej',
  'Karensvej',
  'Lottesvej',
];
