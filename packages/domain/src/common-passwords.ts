/**
 * The commonest passwords of 8+ characters (shorter ones fail the length rule anyway), drawn from
 * public leak frequency lists, with Chinese keyboard, number-pun (520 = 我爱你, 1314 = 一生一世) and
 * pinyin favourites, plus words an attacker would try first on this product. Lowercase; matching
 * is case-insensitive.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  // digits
  "12345678", "123456789", "1234567890", "0123456789", "11111111", "111111111", "1111111111",
  "00000000", "000000000", "0000000000", "88888888", "888888888", "66666666", "666666666",
  "22222222", "33333333", "55555555", "77777777", "99999999", "12341234", "12344321",
  "11223344", "12121212", "11112222", "87654321", "987654321", "9876543210", "123123123",
  "123321123", "123456123", "147258369", "147852369", "123654789", "789456123", "159357456",
  "741852963", "321654987", "31415926", "314159265", "20082008", "20102010", "19491001",
  "12312312", "110110110", "13131313", "10101010", "11235813", "12345679",
  // number puns
  "5201314520", "1314520520", "52013145", "13145200", "5201314a", "a5201314", "woaini1314",
  "woaini520", "woaini123", "woaini521", "aini1314", "iloveyou1314", "1314woaini", "520520520",
  // keyboard walks
  "qwertyui", "qwertyuiop", "qwerty123", "qwerty12", "qwer1234", "1234qwer", "qweasdzxc",
  "qazwsxedc", "qazwsx123", "1qaz2wsx", "1qaz2wsx3edc", "zaq12wsx", "1qazxsw2", "2wsx3edc",
  "q1w2e3r4", "q1w2e3r4t5", "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "qweqweqwe", "asdasdasd",
  "asdfghjk", "asdfghjkl", "asdf1234", "zxcvbnm1", "zxcvbnm123", "zxcvbnma", "123qweasd",
  "123qwe123", "qwe123456", "qwe12345", "asd123456", "zxc123456", "aaaaaaaa", "qqqqqqqq",
  "abcdefgh", "abcd1234", "abcd12345", "1234abcd", "abc12345", "abc123456", "123456abc",
  "abc123abc", "aa123456", "a1234567", "a12345678", "a123456789", "12345678a", "123456789a",
  "1234567a", "qq123456", "qq1234567", "q1234567", "q12345678", "z1234567", "aa112233",
  "a1b2c3d4", "1a2b3c4d", "a1s2d3f4", "abcabcabc",
  // English words and phrases
  "password", "password1", "password12", "password123", "passw0rd", "p@ssw0rd", "p@ssword",
  "pa55word", "iloveyou", "iloveyou1", "sunshine", "princess", "football", "baseball",
  "superman", "trustno1", "whatever", "starwars", "computer", "internet", "michelle",
  "jennifer", "mercedes", "corvette", "welcome1", "welcome123", "letmein1", "letmein123",
  "changeme", "administrator", "admin123", "admin1234", "admin12345", "admin@123", "root1234",
  "test1234", "testtest", "guest123", "master12", "dragon12", "monkey12", "shadow12",
  "football1", "charlie1", "jordan23", "liverpool", "chelsea1", "basketball", "helloworld",
  "hello123", "goodluck", "nopassword", "secret123", "default1", "loveyou1",
  // pinyin
  "woaiwojia", "woaini12", "wodemima", "mima1234", "mima123456", "nihao123", "nihaoma1",
  "zhongguo", "zhongguo1", "zhongguoren", "woshishui", "buzhidao", "yangyang", "tiantian",
  "xiaoxiao", "wangwang", "xiaoming", "zhangwei", "wangfang", "liuyang1", "chenjing",
  "huanghe1", "changcheng", "beijing1", "beijing2008", "shanghai", "xinjiang", "wulumuqi",
  "aishiteru", "meiyoumima", "kaixinguole", "qwertyuiopasdfghjkl",
  // this product
  "shegong123", "shegong1234", "shegongzhan", "shegongzhan1", "minzheng1", "minzheng123",
  "changji123", "liugong123", "shegong@123", "shehuigongzuo",
]);
