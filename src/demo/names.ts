/**
 * Fictitious names by country of origin, for demo data only. Twelve countries, as in the
 * seed documents ("The families are from 12 different countries of origin"). First names come
 * by sex so couples and CPR numbers can be plausible; each list has ten, more than the largest
 * household (two parents, seven children) can need of one sex, so no household repeats a name.
 */
export const countries = {
  SO: {
    languages: ['so'],
    male: ['Farhan', 'Abdi', 'Liban', 'Mahad', 'Abdirahman', 'Guled', 'Yusuf', 'Mohamed', 'Bashir', 'Hassan'],
    female: ['Ayaan', 'Hodan', 'Ifrah', 'Sahra', 'Amina', 'Fadumo', 'Hibaaq', 'Najma', 'Ubah', 'Idil'],
    last: ['Warsame', 'Jama', 'Abdullahi', 'Hirsi', 'Ismail'],
  },
  LB: {
    languages: ['ar'],
    male: ['Rami', 'Karim', 'Ziad', 'Fadi', 'Georges', 'Walid', 'Elie', 'Nabil', 'Hadi', 'Jad'],
    female: ['Nour', 'Layla', 'Maya', 'Rana', 'Rima', 'Joelle', 'Hala', 'Carla', 'Lara', 'Mira'],
    last: ['Haddad', 'Khoury', 'Mansour', 'Saleh', 'Nasser'],
  },
  IQ: {
    languages: ['ar', 'ku'],
    male: ['Ali', 'Hassan', 'Mustafa', 'Omar', 'Haider', 'Ahmed', 'Karrar', 'Yasir', 'Abbas', 'Sajjad'],
    female: ['Zainab', 'Noor', 'Huda', 'Sara', 'Fatima', 'Maryam', 'Zahraa', 'Rusul', 'Duaa', 'Shahad'],
    last: ['Al-Jaburi', 'Kareem', 'Hussein', 'Jawad', 'Rashid'],
  },
  PS: {
    languages: ['ar'],
    male: ['Yousef', 'Khaled', 'Tariq', 'Samir', 'Mahmoud', 'Ibrahim', 'Nidal', 'Basel', 'Anas', 'Wael'],
    female: ['Amal', 'Dina', 'Lina', 'Reem', 'Hanan', 'Rawan', 'Aya', 'Samah', 'Nisreen', 'Haneen'],
    last: ['Odeh', 'Barghouti', 'Hamdan', 'Qasim', 'Darwish'],
  },
  TR: {
    languages: ['tr'],
    male: ['Emre', 'Mehmet', 'Burak', 'Can', 'Mustafa', 'Ahmet', 'Murat', 'Kerem', 'Yusuf', 'Ömer'],
    female: ['Elif', 'Zeynep', 'Ayşe', 'Selin', 'Fatma', 'Emine', 'Esra', 'Merve', 'Defne', 'Hatice'],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik'],
  },
  SY: {
    languages: ['ar'],
    male: ['Ahmad', 'Bilal', 'Majd', 'Fares', 'Mohammad', 'Omar', 'Khaled', 'Hamza', 'Anas', 'Louay'],
    female: ['Rasha', 'Hiba', 'Yara', 'Salma', 'Rama', 'Lama', 'Ghalia', 'Nour', 'Bayan', 'Sidra'],
    last: ['Al-Khatib', 'Haj', 'Suleiman', 'Kanaan', 'Issa'],
  },
  AF: {
    languages: ['fa', 'ps'],
    male: [
      'Farid',
      'Jawid',
      'Nasir',
      'Wahid',
      'Ahmad',
      'Mohammad',
      'Sayed',
      'Hamid',
      'Zabihullah',
      'Mustafa',
    ],
    female: [
      'Mariam',
      'Parwana',
      'Shabnam',
      'Laila',
      'Fereshta',
      'Zahra',
      'Nazanin',
      'Marwa',
      'Sima',
      'Hadisa',
    ],
    last: ['Ahmadi', 'Rahimi', 'Popal', 'Hakimi', 'Noori'],
  },
  IR: {
    languages: ['fa'],
    male: ['Reza', 'Dariush', 'Kian', 'Arash', 'Amir', 'Behnam', 'Mehdi', 'Omid', 'Saeed', 'Babak'],
    female: ['Shirin', 'Nasrin', 'Leila', 'Mina', 'Parisa', 'Mahsa', 'Niloufar', 'Roya', 'Sara', 'Azadeh'],
    last: ['Hosseini', 'Karimi', 'Moradi', 'Tehrani', 'Sadeghi'],
  },
  BA: {
    languages: ['bs'],
    male: ['Amir', 'Edin', 'Haris', 'Damir', 'Adnan', 'Emir', 'Kenan', 'Mirza', 'Tarik', 'Nermin'],
    female: ['Lejla', 'Amra', 'Selma', 'Ajla', 'Amina', 'Emina', 'Azra', 'Lamija', 'Merima', 'Sanela'],
    last: ['Hodžić', 'Begić', 'Mehmedović', 'Kovačević', 'Delić'],
  },
  ER: {
    languages: ['ti'],
    male: ['Yonas', 'Samuel', 'Daniel', 'Filmon', 'Habtom', 'Robel', 'Mehari', 'Tesfalem', 'Biniam', 'Dawit'],
    female: ['Helen', 'Senait', 'Rahel', 'Luwam', 'Selam', 'Saba', 'Winta', 'Meron', 'Feven', 'Yordanos'],
    last: ['Tesfay', 'Ghebre', 'Haile', 'Kidane', 'Berhe'],
  },
  VN: {
    languages: ['vi'],
    male: ['Minh', 'Tuan', 'Duc', 'Quang', 'Hung', 'Long', 'Nam', 'Khoa', 'Thanh', 'Bao'],
    female: ['Lan', 'Hoa', 'Mai', 'Thu', 'Linh', 'Huong', 'Trang', 'Ngoc', 'Hanh', 'Phuong'],
    last: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang'],
  },
  PK: {
    languages: ['ur'],
    male: ['Imran', 'Usman', 'Bilal', 'Hamza', 'Ali', 'Faisal', 'Adeel', 'Zain', 'Asad', 'Kashif'],
    female: ['Ayesha', 'Fatima', 'Sana', 'Mehwish', 'Hina', 'Saba', 'Zara', 'Amna', 'Noreen', 'Rabia'],
    last: ['Khan', 'Butt', 'Chaudhry', 'Malik', 'Qureshi'],
  },
} as const satisfies Record<
  string,
  {
    languages: readonly string[];
    male: readonly string[];
    female: readonly string[];
    last: readonly string[];
  }
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
