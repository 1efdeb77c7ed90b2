import { describe, expect, it } from 'vitest';
import { authorKey, nameForMatching, phoneHandle } from '../../../../main/import/whatsapp/authors';
import { classifyContent, MEDIA_OMITTED_REASON, MediaIndex } from '../../../../main/import/whatsapp/content';
import { chatNameFromFileName } from '../../../../main/import/whatsapp/source';
import { omittedMarkers, WHATSAPP_STRINGS } from '../../../../main/import/whatsapp/locale-strings';
import { callKind, iosNoticeKind, isGroupEvent, subjectFrom, systemKind } from '../../../../main/import/whatsapp/system';

const LRM = '\u200E';
const entries = ['_chat.txt', 'media/IMG-20231102-WA0004.jpg', '00000003-PHOTO-2023-11-02-18-41-30.jpg'];
const media = new MediaIndex({ entries, has: (entry) => entries.includes(entry), linksNotFollowed: () => [] }, '_chat.txt');
const classify = (body: string) => classifyContent(body, body.split('\n')[0] ?? '', media);

describe('classifyContent', () => {
  it('plain text, untouched', () => {
    expect(classify('See you at 6')).toMatchObject({ kind: 'text', deleted: 'none', edited: 'none', attachments: [] });
  });

  it('deletion placeholders only when they are the whole body', () => {
    for (const body of [
      'This message was deleted',
      `${LRM}This message was deleted.`,
      'You deleted this message',
      `${LRM}You deleted this message.`,
      'Diese Nachricht wurde gelöscht.',
    ]) {
      expect(classify(body), body).toMatchObject({ kind: 'deleted', deleted: 'placeholder' });
    }
    expect(classify('I think This message was deleted by mistake')).toMatchObject({ kind: 'text', deleted: 'none' });
  });

  it('edited markers in English and German, with or without U+200E', () => {
    expect(classify('Agreed <This message was edited>').edited).toBe('edited_history_unknown');
    expect(classify(`text ${LRM}<This message was edited>`).edited).toBe('edited_history_unknown');
    expect(classify('Tabelle <Diese Nachricht wurde bearbeitet>').edited).toBe('edited_history_unknown');
    expect(classify('<This message was edited> is what it says').edited).toBe('none');
  });

  it('Android media: <Media omitted> (and German), X (file attached) resolved against the files', () => {
    expect(classify('<Media omitted>\nCaption')).toMatchObject({
      kind: 'media',
      attachments: [{ fileName: null, present: false, missingReason: MEDIA_OMITTED_REASON }],
    });
    expect(classify('<Medien ausgeschlossen>').kind).toBe('media');
    expect(classify('IMG-20231102-WA0004.jpg (file attached)\nDraft minutes v2').attachments).toEqual([
      {
        fileName: 'IMG-20231102-WA0004.jpg',
        mime: 'image/jpeg',
        pathInSource: 'media/IMG-20231102-WA0004.jpg',
        present: true,
        missingReason: null,
      },
    ]);
    expect(classify('4f2680f1db95a8454775cc2eefc95bfc.jpg (Datei angehängt)').attachments[0]).toMatchObject({ present: false });
    expect(classify('Alex.vcf (file attached)').kind).toBe('contact');
  });

  it('iOS media: <attached: X> anywhere in the line, localised; "image omitted" after U+200E', () => {
    expect(classify(`${LRM}<attached: 00000003-PHOTO-2023-11-02-18-41-30.jpg>`).attachments[0]).toMatchObject({ present: true });
    expect(classify(`Minutes.pdf • ${LRM}3 pages ${LRM}<attached: 00000004-Minutes.pdf>`).attachments[0]).toMatchObject({
      fileName: '00000004-Minutes.pdf',
      mime: 'application/pdf',
      present: false,
    });
    expect(classify(`${LRM}<Anhang: 00000005-AUDIO-2023-11-02.opus>`).attachments[0]).toMatchObject({ mime: 'audio/ogg' });
    expect(classify(`${LRM}image omitted`)).toMatchObject({ kind: 'media', attachments: [{ missingReason: MEDIA_OMITTED_REASON }] });
    expect(classify(`mira esto ${LRM}image omitted`).kind).toBe('media');
    expect(classify(`Resume.pdf • ${LRM}2 pages ${LRM}document omitted`).attachments[0]).toMatchObject({ fileName: 'Resume.pdf' });
    expect(classify(`${LRM}Contact card omitted`).kind).toBe('contact');
    expect(classify('the image omitted from the report').kind).toBe('text');
    expect(classify('2015-08-04-PHOTO-00004762.jpg <\u200Eattached>').attachments[0]).toMatchObject({
      fileName: '2015-08-04-PHOTO-00004762.jpg',
    });
  });

  it('locations and polls', () => {
    expect(classify('location: https://maps.google.com/?q=51.500729,-0.124625').kind).toBe('location');
    expect(classify(`${LRM}Location: https://maps.google.com/?q=51.5021456,-0.127397`).kind).toBe('location');
    expect(classify(` ${LRM}Location: https://maps.google.com/?q=51.5,-0.1`).kind).toBe('location');
    expect(classify('live location shared').kind).toBe('location');
    expect(classify('POLL:\nNext meeting?\nOPTION: Thursday (2 votes)\nOPTION: Friday (1 vote)').kind).toBe('poll');
    expect(classify('POLL:').kind).toBe('text');
  });
});

describe('localised attachment markers', () => {
  const files = ['_chat.txt', 'IMG-20200101-WA0001.jpg', '00000012-PHOTO-2020-01-01-10-00-00.jpg'];
  const index = new MediaIndex({ entries: files, has: (entry) => files.includes(entry), linksNotFollowed: () => [] }, '_chat.txt');
  const attachmentOf = (body: string) => classifyContent(body, body.split('\n')[0] ?? '', index);

  // Written out, not read from the table: each is WhatsApp's wording as the sources in docs/formats/whatsapp.md §4.1 give it.
  const android: ReadonlyArray<readonly [string, string]> = [
    ['en', 'file attached'],
    ['de', 'Datei angehängt'],
    ['es', 'archivo adjunto'],
    ['es', 'archivo adjuntado'],
    ['pt', 'ficheiro anexado'],
    ['pt', 'arquivo anexado'],
    ['fr', 'fichier joint'],
    ['it', 'file allegato'],
    ['ru', 'файл добавлен'],
    ['uk', 'файл додано'],
    ['id', 'file terlampir'],
    ['tr', 'dosya ekli'],
    ['nl', 'bestand bijgevoegd'],
    ['pl', 'załączony plik'],
    ['cs', 'soubor byl přiložen'],
    ['ar', 'الملف مرفق'],
    ['hi', 'फाइल अटैच कर दी गई है'],
  ];
  const ios: ReadonlyArray<readonly [string, string]> = [
    ['en', 'attached'],
    ['de', 'Anhang'],
    ['de', 'angehängt'],
    ['es', 'adjunto'],
    ['pt', 'anexo'],
    ['pt', 'anexado'],
    ['fr', 'pièce jointe'],
    ['it', 'allegato'],
    ['ru', 'прикреплено'],
    ['uk', 'додано'],
    ['id', 'terlampir'],
    ['tr', 'eklendi'],
    ['nl', 'bijgevoegd'],
    ['pl', 'załączono'],
    ['cs', 'příloha'],
    ['ar', 'المُرفق'],
    ['fa', 'پیوست'],
    ['hi', 'अटैच किया गया'],
  ];

  it.each(android)('Android %s: "NAME (%s)" is an attachment named NAME, present when the export holds it', (_language, words) => {
    expect(attachmentOf(`IMG-20200101-WA0001.jpg (${words})\nthe caption`)).toMatchObject({
      kind: 'media',
      attachments: [{ fileName: 'IMG-20200101-WA0001.jpg', mime: 'image/jpeg', present: true }],
    });
    expect(attachmentOf(`${LRM}Report (final).pdf (${words})`)).toMatchObject({
      kind: 'media',
      attachments: [{ fileName: 'Report (final).pdf', present: false, missingReason: 'file not in the imported export' }],
    });
    expect(attachmentOf(`Alex.vcf (${words})`).kind).toBe('contact');
    expect(attachmentOf(`see (${words}) later`).kind).toBe('text');
  });

  it('Android fa: the wording comes before the name, without brackets', () => {
    expect(attachmentOf('فایل پیوست شد IMG-20200101-WA0001.jpg')).toMatchObject({
      kind: 'media',
      attachments: [{ fileName: 'IMG-20200101-WA0001.jpg', present: true }],
    });
    expect(attachmentOf('فایل پیوست شد PTT-20200101-WA0002.opus').attachments[0]).toMatchObject({
      fileName: 'PTT-20200101-WA0002.opus',
      present: false,
    });
    expect(attachmentOf('فایل پیوست شد، ببینید').kind).toBe('text');
  });

  it.each(ios)('iOS %s: "<%s: NAME>" is an attachment named NAME, present when the export holds it', (_language, word) => {
    expect(attachmentOf(`${LRM}<${word}: 00000012-PHOTO-2020-01-01-10-00-00.jpg>`)).toMatchObject({
      kind: 'media',
      attachments: [{ fileName: '00000012-PHOTO-2020-01-01-10-00-00.jpg', present: true }],
    });
    expect(attachmentOf(`Minutes.pdf • ${LRM}3 pages ${LRM}<${word}: 00000013-Minutes.pdf>`).attachments[0]).toMatchObject({
      fileName: '00000013-Minutes.pdf',
      present: false,
    });
  });

  it('iOS: a space (or a narrow no-break space) before the colon, as French typography sets it; unknown words stay text', () => {
    expect(attachmentOf(`${LRM}<pièce jointe\u202F: 00000012-PHOTO-2020-01-01-10-00-00.jpg>`).attachments[0]).toMatchObject({
      present: true,
    });
    expect(attachmentOf(`${LRM}<pièce jointe : 00000012-PHOTO-2020-01-01-10-00-00.jpg>`).attachments[0]).toMatchObject({ present: true });
    expect(attachmentOf('<Note: bring the 00000012-PHOTO-2020-01-01-10-00-00.jpg>').kind).toBe('text');
  });

  it('matches whatever the Unicode form: precomposed Hindi nukta letters, decomposed accents, Persian with or without ZWNJ', () => {
    // U+095E is the precomposed फ़ (the table holds फ + U+093C); U+095C is ड़.
    expect(attachmentOf(`${LRM}\u095Eोटो हटाई गई`).kind).toBe('media');
    expect(attachmentOf(`${LRM}वीडियो छो\u095Cा गया`).kind).toBe('media');
    expect(attachmentOf(`Resume.pdf • ${LRM}2 पन्ने ${LRM}डॉक्यूमेंट छो\u095Cा गया`).attachments[0]).toMatchObject({ fileName: 'Resume.pdf' });
    expect(systemKind('अमित ने इस ग्रुप की \u095Eोटो बदली')).toBe('icon_changed');
    expect(attachmentOf('IMG-20200101-WA0001.jpg (fichier joint)'.normalize('NFD')).attachments[0]).toMatchObject({ present: true });
    expect(attachmentOf(`${LRM}<pie\u0300ce jointe: 00000012-PHOTO-2020-01-01-10-00-00.jpg>`).attachments[0]).toMatchObject({
      present: true,
    });
    expect(callKind(`${LRM}تماس تصویری بی\u200Cپاسخ`)).toBe('missed_video_call');
    expect(callKind(`${LRM}تماس تصویری بیپاسخ`)).toBe('missed_video_call');
  });

  it('the file name is kept as written, never normalised', () => {
    const name = 'Cafe\u0301 notes.pdf';
    expect(attachmentOf(`${name} (fichier joint)`).attachments[0]?.fileName).toBe(name);
    expect(attachmentOf(`${LRM}<pièce jointe: 00000014-${name}>`).attachments[0]?.fileName).toBe(`00000014-${name}`);
  });

  it('every language in the table has both markers, or says it has none', () => {
    for (const s of WHATSAPP_STRINGS) {
      expect(s.fileAttached.length + (s.fileAttachedBefore?.length ?? 0), s.language).toBeGreaterThan(0);
      expect(s.attached.length, s.language).toBeGreaterThan(0);
    }
  });
});

describe('system lines', () => {
  it('names what happened, in English and German', () => {
    const cases: [string, string][] = [
      [
        'Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.',
        'encryption_notice',
      ],
      ['Messages to this group are now secured with end-to-end encryption. Tap for more info.', 'encryption_notice'],
      ['Priya Shah created group "Inquiry Group"', 'created_group'],
      ['Priya Shah added you', 'added'],
      ['Dmitry S removed +7 999 999-99-99', 'removed'],
      ['\u202A+44 7700 900123\u202C left', 'left'],
      ["+7 999 999-99-99 joined using this group's invite link", 'joined'],
      ['You changed the subject from "Group Chat" to "Group Chat XXX"', 'subject_changed'],
      ["+12 345 changed this group's icon", 'icon_changed'],
      ["You're now an admin", 'admin_changed'],
      [
        "You updated the message timer. New messages will disappear from this chat 24 hours after they're sent. Tap to change.",
        'disappearing_messages',
      ],
      ['Your security code with Alice changed. Tap to learn more.', 'security_code_changed'],
      ['Du hast die Gruppe „Vier Nationen Daten“ erstellt.', 'created_group'],
      ['Du hast Tom Reid hinzugefügt.', 'added'],
      ['Du hast den Betreff von „Vier Nationen Daten“ zu „4N Daten (Winter)“ geändert.', 'subject_changed'],
      ['\u202A+44 7700 900321\u202C hat die Gruppe verlassen.', 'left'],
      ['Something WhatsApp has not said before', 'other'],
    ];
    for (const [text, kind] of cases) expect(systemKind(text), text).toBe(kind);
    expect(isGroupEvent('added')).toBe(true);
    expect(isGroupEvent('encryption_notice')).toBe(false);
  });

  it('iOS notices are recognised by wording only; ordinary LRM-led bodies are not notices', () => {
    expect(iosNoticeKind(`${LRM}Messages and calls are end-to-end encrypted.`)).toBe('encryption_notice');
    expect(iosNoticeKind(`${LRM}${LRM}Your security code with Elon changed. ${LRM}Tap to learn more.`)).toBe('security_code_changed');
    expect(iosNoticeKind(`${LRM}Missed voice call`)).toBe('missed_voice_call');
    expect(iosNoticeKind(`${LRM}Missed video call`)).toBe('missed_video_call');
    expect(iosNoticeKind(`${LRM}This business uses a secure service from Meta to manage this chat. Tap to learn more.`)).toBe(
      'business_notice',
    );
    expect(iosNoticeKind(`${LRM}image omitted`)).toBeNull();
    expect(iosNoticeKind(`${LRM}This message was deleted.`)).toBeNull();
  });

  it('the locale table: at least 15 languages, each with every kind of text, each recognised where it is used', () => {
    expect(WHATSAPP_STRINGS.length).toBeGreaterThanOrEqual(15);
    const samples: Record<string, Record<string, string>> = {
      ru: {
        joined: 'Анна присоединился(-ась) по ссылке-приглашению',
        left: 'Анна вышел(-ла)',
        added: 'Анна добавил(-а) Олег',
        subject: 'Анна изменил(-а) тему на «Смена»',
      },
      fr: {
        joined: "Anne a rejoint ce groupe via le lien d'invitation",
        left: 'Anne est parti(e)',
        added: 'Anne a ajouté Paul',
        subject: 'Anne a modifié le sujet en « Garde »',
      },
      es: { left: 'Ana salió', added: 'Ana añadió a Pablo', removed: 'Ana eliminó a Pablo', icon: 'Ana cambió el ícono de este grupo' },
      id: {
        created_group: 'Anda membuat grup "Rapat"',
        joined: 'Amanda bergabung menggunakan tautan undangan grup ini',
        left: 'Budi keluar',
        added: 'Anda menambahkan Budi',
      },
      tr: {
        created_group: 'Ayşe "Aile" grubunu oluşturdu',
        joined: 'Mehmet bu grubun davet bağlantısıyla katıldı',
        left: 'Mehmet ayrıldı',
        added: 'Ayşe, Mehmet kişisini ekledi',
        removed: 'Ayşe, Mehmet kişisini çıkardı',
        subject: 'Ayşe, "Aile" olan grup adını "Aile 2" olarak değiştirdi',
        icon: 'Ayşe grubun simgesini değiştirdi',
      },
    };
    for (const s of WHATSAPP_STRINGS) {
      const where = (what: string): string => `${s.language} ${what}`;
      for (const text of s.mediaOmitted) expect(classify(text).kind, where(text)).toBe('media');
      for (const [kind, text] of omittedMarkers(s)) {
        expect(classify(`${LRM}${text}`).kind, where(text)).toBe(kind === 'contact' ? 'contact' : 'media');
        expect(classify(text).kind, where(text)).toBe(kind === 'contact' ? 'contact' : 'media');
      }
      expect(omittedMarkers(s).length, where('omitted')).toBeGreaterThanOrEqual(3);
      for (const text of s.deleted) expect(classify(`${LRM}${text}.`).kind, where(text)).toBe('deleted');
      for (const text of s.edited) expect(classify(`ok ${text}`).edited, where(text)).toBe('edited_history_unknown');
      for (const text of s.missedVoiceCall) expect(callKind(`${LRM}${text}`), where(text)).toBe('missed_voice_call');
      for (const text of s.missedVideoCall) expect(callKind(`${LRM}${text}`), where(text)).toBe('missed_video_call');
      expect(systemKind(s.encrypted.split('|')[0] ?? ''), where('encrypted')).toBe('encryption_notice');
      for (const key of ['joined', 'left', 'added', 'removed', 'subject', 'icon'] as const) expect(s[key], where(key)).not.toBe('');
      for (const [event, text] of Object.entries(samples[s.language] ?? {})) {
        expect(systemKind(text), where(text)).toBe(event === 'subject' ? 'subject_changed' : event === 'icon' ? 'icon_changed' : event);
      }
    }
    expect(callKind('I missed voice call practice')).toBeNull();
  });

  it('group events in hi, fa and id as WhatsApp iOS words them (Localizable.strings v22.24.81, key in each comment)', () => {
    const cases: [string, string][] = [
      ['Asha ने यह ग्रुप बनाया', 'created_group'], // xQ.Zh
      ['एडमिन ने ग्रुप “परिवार” बनाया', 'created_group'], // epN1D
      ['आपने ग्रुप “परिवार” बनाया', 'created_group'], // (K2R*
      ['Ravi आमंत्रण लिंक का इस्तेमाल करके ग्रुप में शामिल हुए/हुईं', 'joined'], // 2vBON
      ['Ravi ने छोड़ा', 'left'], // IGUjt
      ['Asha ने Ravi को शामिल किया', 'added'], // KRDcB
      ['Asha ने आपको शामिल किया', 'added'], // VN:JW
      ['आपने Ravi को शामिल किया', 'added'], // Ik.w'
      ['Asha ने Ravi को हटाया', 'removed'], // Qv?AC
      ['Asha ने आपको हटाया', 'removed'], // Ys<&L
      ['Asha ने ग्रुप का नाम बदलकर “परिवार 2” किया', 'subject_changed'], // o18be
      ['आपने ग्रुप का नाम बदलकर “परिवार 2” किया', 'subject_changed'], // )(=-_
      ['Asha ने इस ग्रुप की फ़ोटो बदली', 'icon_changed'], // D>1ci
      ['Asha ने इस ग्रुप की फ़ोटो डिलीट की', 'icon_changed'], // I6vYR
      ['Sara گروه «خانواده» را ایجاد کرد', 'created_group'], // aD=R{
      ['Sara این گروه را ایجاد کرد', 'created_group'], // xQ.Zh
      ['شما گروه «خانواده» را ایجاد کردید', 'created_group'], // (K2R*
      ['Reza با لینک دعوت به گروه پیوست', 'joined'], // 2vBON
      ['شما با استفاده از پیوند دعوت این گروه پیوستید', 'joined'], // )H04Q
      ['Reza گروه را ترک کرد', 'left'], // IGUjt
      ['Reza توسط Sara اضافه شد', 'added'], // KRDcB
      ['Sara شما را اضافه کرد', 'added'], // VN:JW
      ['شما  Reza را اضافه کردید', 'added'], // Ik.w' (two spaces, as written)
      ['Sara Reza را حذف کرد', 'removed'], // Qv?AC
      ['Sara شما را حذف كرد', 'removed'], // Ys<&L (Arabic kaf, as written)
      ['Sara موضوع را به «خانواده ۲» تغییر داد', 'subject_changed'], // o18be
      ['شما موضوع را به «خانواده ۲» تغییر دادید', 'subject_changed'], // )(=-_
      ['Sara علامت این گروه را تغییر داد', 'icon_changed'], // D>1ci
      ['Sara علامت این گروه را پاک کرد', 'icon_changed'], // I6vYR
      ['Budi membuat grup ini', 'created_group'], // xQ.Zh
      ['Budi bergabung menggunakan tautan undangan grup ini', 'joined'], // 2vBON
      ['Budi menambahkan Sari', 'added'], // zzk/B
      ['Budi mengeluarkan Sari', 'removed'], // Qv?AC
      ['Budi telah mengubah subjek menjadi “Rapat”', 'subject_changed'], // o18be
      ['Anda mengubah subjek menjadi “Rapat”', 'subject_changed'], // )(=-_
      ['Budi mengubah ikon grup ini', 'icon_changed'], // D>1ci
      ['Budi telah mengubah subjek dari "Rapat" menjadi "Rapat 2"', 'subject_changed'], // Android, irfanchahyadi/Whatsapp-Chat-Analyzer
      ['Budi telah mengubah ikon grup ini', 'icon_changed'], // Android, the same table
    ];
    for (const [text, kind] of cases) expect(systemKind(text), text).toBe(kind);
  });

  it('takes the subject from the last quoted name, whatever the quotes', () => {
    expect(subjectFrom('Fiona Laird changed the subject from "Covid Core" to "Covid Core Group"')).toBe('Covid Core Group');
    expect(subjectFrom('+12 changed the subject to “Group Name”')).toBe('Group Name');
    expect(subjectFrom('Du hast den Betreff von „Vier Nationen Daten“ zu „4N Daten (Winter)“ geändert.')).toBe('4N Daten (Winter)');
    expect(subjectFrom('Du hast die Gruppe „Vier Nationen Daten“ erstellt.')).toBe('Vier Nationen Daten');
    expect(subjectFrom('Priya added you')).toBeNull();
  });
});

describe('authors and file names', () => {
  it('keys authors without U+202A/U+202C and recognises phone numbers', () => {
    expect(authorKey('\u202A+44 7700 900555\u202C')).toBe('+44 7700 900555');
    expect(authorKey('~ Carolina')).toBe('~ Carolina');
    expect(phoneHandle('+44 7700 900555')).toBe('+447700900555');
    expect(phoneHandle('+40\u00A0521\u00A0028\u00A0123')).toBe('+40521028123');
    expect(phoneHandle('+7 999 999-99-99')).toBe('+79999999999');
    expect(phoneHandle('Tom Reid')).toBeNull();
    expect(phoneHandle('2024')).toBeNull();
  });

  it('matches a custodian name regardless of case, spacing and bidi marks', () => {
    expect(nameForMatching('  tom  REID\u200E')).toBe(nameForMatching('Tom Reid'));
  });

  it('reads the chat name from localised export names, with NBSP or underscores', () => {
    expect(chatNameFromFileName('WhatsApp Chat with Inquiry Group.txt')).toBe('Inquiry Group');
    expect(chatNameFromFileName("WhatsApp Chat - Tom O'Neill.zip")).toBe("Tom O'Neill");
    expect(chatNameFromFileName('WhatsApp_Chat_with_Covid_Core.txt')).toBe('Covid Core');
    expect(chatNameFromFileName('Chat WhatsApp s\u00A0uživatelem Dmitry S CZ Android.txt')).toBe('Dmitry S CZ Android');
    expect(chatNameFromFileName('WhatsApp Chat mit Vier Nationen.txt')).toBe('Vier Nationen');
    expect(chatNameFromFileName('android-de.txt')).toBeNull();
  });
});
