/**
 * What WhatsApp writes beside attached files, in place of media, deleted and edited messages, and as its
 * own system lines, in the UI languages most chats are exported in. The export follows the phone's
 * language, so a chat from a Russian phone says `<Без медиафайлов>` where an English one says `<Media omitted>`.
 *
 * Data only: content.ts and system.ts build their look-ups from it. Each language says where its wording
 * comes from (`source`, explained in docs/formats/whatsapp.md §4.1): `seen` wording was met in real
 * exports (issue 15, the fixtures, the samples cited in that note); `parser` wording is in a public
 * parser's table of export strings; `app` wording is the apps' published translation, not yet checked
 * against an export. A language's entry may mix them; §4.1 says which string is which. A wrong
 * entry only fails to match: the text then imports as an ordinary message, as every unknown wording does;
 * for an attachment marker that loses the attachment, so a language has only the markers a source gives.
 *
 * Event patterns are regular-expression sources, matched against a line with its bidi marks removed.
 * Entries and lines are compared in one Unicode form (fold.ts): an entry need not be repeated with and
 * without a ZWNJ, or with a nukta letter precomposed.
 */

export type StringsSource = 'seen' | 'parser' | 'app';

export interface OmittedMarkers {
  readonly image?: string;
  readonly video?: string;
  readonly audio?: string;
  readonly sticker?: string;
  readonly gif?: string;
  readonly document?: string;
  readonly contact?: string;
}

/** A language's omitted-media markers as [kind, marker] pairs. */
export function omittedMarkers(strings: WhatsAppStrings): ReadonlyArray<readonly [keyof OmittedMarkers, string]> {
  return (Object.keys(strings.omitted) as (keyof OmittedMarkers)[]).flatMap((kind) => {
    const text = strings.omitted[kind];
    return text === undefined ? [] : [[kind, text] as const];
  });
}

export interface WhatsAppStrings {
  /** BCP 47 tag of the phone's language. */
  readonly language: string;
  readonly source: StringsSource;
  /** Android's placeholder for media left out of the export, angle brackets included. */
  readonly mediaOmitted: readonly string[];
  /** Android's `NAME (file attached)`: the words inside the brackets. */
  readonly fileAttached: readonly string[];
  /** Android wording written before the name, without brackets (Persian `فایل پیوست شد NAME`). */
  readonly fileAttachedBefore?: readonly string[];
  /** iOS's `<attached: NAME>`: the word or words before the colon. */
  readonly attached: readonly string[];
  /** iOS's placeholders for media left out, one per kind. */
  readonly omitted: OmittedMarkers;
  /** The whole body of a deleted message: someone else's, then the custodian's own (full stop optional). */
  readonly deleted: readonly string[];
  /** What ends the last line of an edited message. */
  readonly edited: readonly string[];
  /** Part of the end-to-end encryption notice that opens every chat. */
  readonly encrypted: string;
  /** Start of the "security code changed" notice. */
  readonly securityCode: string;
  readonly missedVoiceCall: readonly string[];
  readonly missedVideoCall: readonly string[];
  /** "X created group …", where a source gives it; languages without it leave such lines of kind `other`. */
  readonly created?: string;
  readonly joined: string;
  readonly left: string;
  readonly added: string;
  readonly removed: string;
  readonly subject: string;
  readonly icon: string;
}

export const WHATSAPP_STRINGS: readonly WhatsAppStrings[] = [
  {
    language: 'en',
    source: 'seen',
    mediaOmitted: ['<Media omitted>'],
    fileAttached: ['file attached'],
    attached: ['attached'],
    omitted: {
      image: 'image omitted',
      video: 'video omitted',
      audio: 'audio omitted',
      sticker: 'sticker omitted',
      gif: 'GIF omitted',
      document: 'document omitted',
      contact: 'Contact card omitted',
    },
    deleted: ['This message was deleted', 'You deleted this message'],
    edited: ['<This message was edited>'],
    encrypted: 'end-to-end encrypted|secured with end-to-end encryption',
    securityCode: '^Your security code with .* changed',
    missedVoiceCall: ['Missed voice call', 'Missed group voice call'],
    missedVideoCall: ['Missed video call', 'Missed group video call'],
    created: ' created group |^You created group ',
    joined: "joined using this group's invite link|joined using an invite link",
    left: ' left$|^You left$',
    added: ' added |^You added ',
    removed: ' removed |^You removed ',
    subject: 'changed the subject |changed the group name ',
    icon: "changed this group's icon|changed the group icon|deleted this group's icon",
  },
  {
    language: 'de',
    source: 'seen',
    mediaOmitted: ['<Medien ausgeschlossen>', '<Medien weggelassen>'],
    fileAttached: ['Datei angehängt'],
    attached: ['Anhang', 'angehängt'],
    omitted: {
      image: 'Bild weggelassen',
      video: 'Video weggelassen',
      audio: 'Audio weggelassen',
      sticker: 'Sticker weggelassen',
      gif: 'GIF weggelassen',
      document: 'Dokument weggelassen',
      contact: 'Kontaktkarte ausgelassen',
    },
    deleted: ['Diese Nachricht wurde gelöscht', 'Du hast diese Nachricht gelöscht'],
    edited: ['<Diese Nachricht wurde bearbeitet>'],
    encrypted: 'Ende-zu-Ende-verschlüsselt',
    securityCode: '^Deine Sicherheitsnummer für .* hat sich geändert',
    missedVoiceCall: ['Verpasster Sprachanruf'],
    missedVideoCall: ['Verpasster Videoanruf'],
    created: 'die Gruppe .* erstellt',
    joined: 'über den Einladungslink',
    left: 'die Gruppe verlassen\\.?$',
    added: ' hinzugefügt\\.?$',
    removed: ' entfernt\\.?$',
    subject: 'den Betreff |den Gruppennamen ',
    icon: 'das Gruppenbild ',
  },
  {
    language: 'es',
    source: 'parser',
    mediaOmitted: ['<Multimedia omitido>', '<Archivo omitido>'],
    fileAttached: ['archivo adjunto', 'archivo adjuntado'],
    attached: ['adjunto'],
    omitted: {
      image: 'imagen omitida',
      video: 'Video omitido',
      audio: 'audio omitido',
      sticker: 'sticker omitido',
      gif: 'GIF omitido',
      document: 'documento omitido',
      contact: 'Tarjeta de contacto omitida',
    },
    deleted: ['Se eliminó este mensaje', 'Eliminaste este mensaje'],
    edited: ['<Se editó este mensaje.>'],
    encrypted: 'cifrado de extremo a extremo|cifrados de extremo a extremo',
    securityCode: '^Tu código de seguridad con .* cambió',
    missedVoiceCall: ['Llamada perdida', 'Llamada de voz perdida'],
    missedVideoCall: ['Videollamada perdida'],
    joined: 'se unió usando el enlace de invitación',
    left: ' salió$|^Saliste$',
    added: ' añadió a |^Añadiste a ',
    removed: ' eliminó a |^Eliminaste a ',
    subject: 'cambió el asunto |cambió el nombre del grupo ',
    icon: 'cambió el ícono de este grupo|cambió la imagen de este grupo',
  },
  {
    language: 'pt',
    source: 'parser',
    mediaOmitted: ['<Mídia oculta>', '<Mídia omitida>', '<Ficheiro omitido>'],
    fileAttached: ['ficheiro anexado', 'arquivo anexado'],
    attached: ['anexo', 'anexado'],
    omitted: {
      image: 'imagem não revelada',
      video: 'vídeo não revelado',
      audio: 'ficheiro de áudio não revelado',
      sticker: 'sticker não revelado',
      gif: 'GIF não revelada',
      document: 'documento não revelado',
      contact: 'Contacto não revelado',
    },
    deleted: ['Mensagem apagada', 'Você apagou esta mensagem', 'Esta mensagem foi apagada', 'Apagou esta mensagem'],
    edited: ['<Mensagem editada>'],
    encrypted: 'criptografia de ponta a ponta|encriptadas ponto a ponto',
    securityCode: '^Seu código de segurança com .* mudou',
    missedVoiceCall: ['Chamada de voz perdida'],
    missedVideoCall: ['Chamada de vídeo perdida'],
    joined: 'entrou usando o link de convite',
    left: ' saiu$|^Você saiu$',
    added: ' adicionou |^Você adicionou ',
    removed: ' removeu |^Você removeu ',
    subject: 'mudou o nome do grupo |alterou o assunto ',
    icon: 'mudou a imagem deste grupo|mudou o ícone deste grupo',
  },
  {
    language: 'fr',
    source: 'seen',
    mediaOmitted: ['<Médias omis>', '<Fichier omis>'],
    fileAttached: ['fichier joint'],
    attached: ['pièce jointe'],
    omitted: {
      image: 'image absente',
      video: 'vidéo absente',
      audio: 'audio omis',
      sticker: 'sticker omis',
      gif: 'GIF retiré',
      document: 'document manquant',
      contact: 'Fiche contact manquante',
    },
    deleted: ['Ce message a été supprimé', 'Vous avez supprimé ce message'],
    edited: ['<Ce message a été modifié>'],
    encrypted: 'chiffrés de bout en bout',
    securityCode: '^Votre code de sécurité avec .* a changé',
    missedVoiceCall: ['Appel vocal manqué'],
    missedVideoCall: ['Appel vidéo manqué'],
    joined: "a rejoint ce groupe via le lien d'invitation",
    left: ' est parti\\(e\\)$| est parti$|^Vous êtes parti',
    added: ' a ajouté |^Vous avez ajouté ',
    removed: ' a retiré |^Vous avez retiré ',
    subject: 'a modifié le sujet |a changé le sujet |a modifié le nom du groupe ',
    icon: "a changé l'icône de ce groupe|a modifié l'icône de ce groupe",
  },
  {
    language: 'it',
    source: 'parser',
    mediaOmitted: ['<Media omessi>'],
    fileAttached: ['file allegato'],
    attached: ['allegato'],
    omitted: {
      image: 'immagine omessa',
      video: 'video omesso',
      audio: 'audio omesso',
      sticker: 'sticker non incluso',
      gif: 'GIF esclusa',
      document: 'documento omesso',
      contact: 'Scheda contatto omessa',
    },
    deleted: ['Questo messaggio è stato eliminato', 'Hai eliminato questo messaggio'],
    edited: ['<Questo messaggio è stato modificato>'],
    encrypted: 'crittografati end-to-end|crittografia end-to-end',
    securityCode: '^Il tuo codice di sicurezza con .* è cambiato',
    missedVoiceCall: ['Chiamata vocale persa'],
    missedVideoCall: ['Videochiamata persa'],
    joined: "si è unito tramite il link d'invito",
    left: ' è uscito$|^Sei uscito$',
    added: ' ha aggiunto |^Hai aggiunto ',
    removed: ' ha rimosso |^Hai rimosso ',
    subject: "ha cambiato l'oggetto |ha modificato il nome del gruppo ",
    icon: "ha cambiato l'immagine di questo gruppo",
  },
  {
    language: 'ru',
    source: 'seen',
    mediaOmitted: ['<Без медиафайлов>'],
    fileAttached: ['файл добавлен'],
    attached: ['прикреплено'],
    omitted: {
      image: 'изображение отсутствует',
      video: 'видео отсутствует',
      audio: 'аудио отсутствует',
      sticker: 'стикер не добавлен',
      gif: 'GIF отсутствует',
      document: 'документ отсутствует',
      contact: 'карточка контакта отсутствует',
    },
    deleted: ['Данное сообщение удалено', 'Вы удалили данное сообщение'],
    edited: ['<Сообщение изменено>'],
    encrypted: 'защищены сквозным шифрованием',
    securityCode: '^Ваш код безопасности для .* изменился',
    missedVoiceCall: ['Пропущенный аудиозвонок'],
    missedVideoCall: ['Пропущенный видеозвонок'],
    joined: 'присоединил(?:ся|ась|ся\\(-ась\\)) по ссылке-приглашению',
    left: ' вышел(?:\\(-ла\\)|а)?$|^Вы вышли$',
    added: ' добавил(?:\\(-а\\)|а)? |^Вы добавили ',
    removed: ' удалил(?:\\(-а\\)|а)? |^Вы удалили ',
    subject: 'изменил(?:\\(-а\\)|а)? тему |изменил(?:\\(-а\\)|а)? название группы ',
    icon: 'изменил(?:\\(-а\\)|а)? изображение (?:этой )?группы',
  },
  {
    language: 'uk',
    source: 'parser',
    mediaOmitted: ['<Без медіафайлів>'],
    fileAttached: ['файл додано'],
    attached: ['додано'],
    omitted: {
      image: 'зображення відсутнє',
      video: 'відео відсутнє',
      audio: 'аудіо відсутнє',
      sticker: 'Наклейку не додано',
      gif: 'GIF-анімацію пропущено',
      document: 'документ пропущено',
      contact: 'Картка контакту відсутня',
    },
    deleted: ['Це повідомлення було видалено', 'Ви видалили це повідомлення'],
    edited: ['<Повідомлення змінено>'],
    encrypted: 'захищено наскрізним шифруванням|захищені наскрізним шифруванням',
    securityCode: '^Ваш код безпеки для .* змінився',
    missedVoiceCall: ['Пропущений аудіодзвінок'],
    missedVideoCall: ['Пропущений відеодзвінок'],
    joined: 'приєднав(?:ся|лася) за посиланням-запрошенням',
    left: ' вийшов$| вийшла$|^Ви вийшли$',
    added: ' додав(?:\\(-ла\\)|ла)? |^Ви додали ',
    removed: ' видалив(?:\\(-ла\\)|ла)? |^Ви видалили ',
    subject: 'змінив(?:\\(-ла\\)|ла)? тему ',
    icon: 'змінив(?:\\(-ла\\)|ла)? зображення групи',
  },
  {
    language: 'id',
    source: 'seen',
    mediaOmitted: ['<Media tidak disertakan>'],
    fileAttached: ['file terlampir'],
    attached: ['terlampir'],
    omitted: {
      image: 'gambar tidak disertakan',
      video: 'video tidak disertakan',
      audio: 'audio tidak disertakan',
      sticker: 'stiker tidak disertakan',
      gif: 'GIF tidak disertakan',
      document: 'dokumen tidak disertakan',
      contact: 'Kartu kontak tidak disertakan',
    },
    deleted: ['Pesan ini dihapus', 'Anda menghapus pesan ini', 'Pesan ini telah dihapus', 'Anda telah menghapus pesan ini'],
    edited: ['<Pesan ini diedit>'],
    encrypted: 'terenkripsi secara end-to-end',
    securityCode: '^Kode keamanan Anda dengan .* telah berubah',
    missedVoiceCall: ['Panggilan suara tak terjawab'],
    missedVideoCall: ['Panggilan video tak terjawab'],
    created: 'membuat grup',
    joined: 'bergabung menggunakan tautan undangan grup ini',
    left: ' keluar$|^Anda keluar$',
    added: ' menambahkan |^Anda menambahkan ',
    removed: ' mengeluarkan |^Anda mengeluarkan ',
    subject: 'mengubah subjek |mengubah nama grup ',
    icon: 'mengubah ikon grup ini',
  },
  {
    language: 'tr',
    source: 'parser',
    mediaOmitted: ['<Medya dahil edilmedi>', '<Medya atlanmış>'],
    fileAttached: ['dosya ekli'],
    attached: ['eklendi'],
    omitted: {
      image: 'görüntü dahil edilmedi',
      video: 'video dahil edilmedi',
      audio: 'ses dahil edilmedi',
      sticker: 'Çıkartma dahil edilmedi',
      gif: 'GIF dahil edilmedi',
      document: 'belge dahil edilmedi',
      contact: 'Kişi kartı dahil edilmedi',
    },
    deleted: ['Bu mesaj silindi', 'Bu mesajı sildiniz'],
    edited: ['<Bu mesaj düzenlendi>'],
    encrypted: 'uçtan uca şifreli',
    securityCode: '^.* ile aranızdaki güvenlik kodu değişti',
    missedVoiceCall: ['Cevapsız sesli arama'],
    missedVideoCall: ['Cevapsız görüntülü arama'],
    created: 'grubunu oluşturdu',
    joined: 'davet bağlantısıyla katıldı',
    left: ' ayrıldı$',
    added: ' ekledi$',
    removed: ' çıkardı$',
    subject: 'grup adını .* olarak değiştirdi',
    icon: 'grubun simgesini değiştirdi',
  },
  {
    language: 'nl',
    source: 'parser',
    mediaOmitted: ['<Media weggelaten>'],
    fileAttached: ['bestand bijgevoegd'],
    attached: ['bijgevoegd'],
    omitted: {
      image: 'afbeelding weggelaten',
      video: 'video weggelaten',
      audio: 'audio weggelaten',
      sticker: 'sticker weggelaten',
      gif: 'GIF weggelaten',
      document: 'document weggelaten',
      contact: 'Visitekaartje weggelaten',
    },
    deleted: ['Dit bericht is verwijderd', 'U hebt dit bericht verwijderd', 'Je hebt dit bericht verwijderd'],
    edited: ['<Dit bericht is bewerkt>'],
    encrypted: 'end-to-end versleuteld',
    securityCode: '^(?:Uw|Je) beveiligingscode voor .* is gewijzigd',
    missedVoiceCall: ['Gemiste spraakoproep', 'Gemist spraakgesprek'],
    missedVideoCall: ['Gemiste video-oproep', 'Gemist videogesprek'],
    created: '(?:heeft|hebt) (?:deze |de )?groep .*aangemaakt',
    joined: '(?:is|bent) deelnemer geworden via de uitnodigingslink|neemt deel via .*uitnodiging',
    left: ' heeft de groep verlaten$|^(?:U|Je) hebt de groep verlaten$',
    added: ' heeft .* toegevoegd$|^(?:U|Je) hebt .* toegevoegd$| is toegevoegd$|^U bent toegevoegd$',
    removed: ' heeft .* verwijderd$|^(?:U|Je) hebt .* verwijderd$',
    subject: '(?:heeft|hebt) het (?:groeps)?onderwerp gewijzigd',
    icon: '(?:heeft|hebt) de groepsafbeelding gewijzigd',
  },
  {
    language: 'pl',
    source: 'parser',
    mediaOmitted: ['<Pominięto multimedia>', '<pliki pominięto>'],
    fileAttached: ['załączony plik'],
    attached: ['załączono'],
    omitted: {
      image: 'obraz pominięty',
      video: 'wideo pominięte',
      audio: 'audio pominięte',
      sticker: 'pominięto naklejkę',
      gif: 'Plik GIF pominięty',
      document: 'dokument pominięty',
      contact: 'Pominięta wizytówka kontaktu',
    },
    deleted: ['Ta wiadomość została usunięta', 'Usunąłeś(-ęłaś) tę wiadomość', 'Usunąłeś(aś) tę wiadomość'],
    edited: ['<Edytowano tę wiadomość>'],
    encrypted: 'są w pełni zaszyfrowane|szyfrowane metodą end-to-end',
    securityCode: '^Twój kod zabezpieczeń z użytkownikiem .* zmienił się',
    missedVoiceCall: ['Nieodebrane poł. głosowe', 'Nieodebrane połączenie'],
    missedVideoCall: ['Nieodebrane poł. wideo'],
    joined: 'dołączył\\(a\\) przy użyciu linku z zaproszeniem|dołączył(?:a)? przy użyciu linku',
    left: ' opuścił\\(a\\) grupę$| opuścił(?:a)?$|^Opuszczono grupę$',
    added: ' dodał\\(a\\) | dodał(?:a)? ',
    removed: ' usunął\\(-ęła\\) | usunął | usunęła ',
    subject: 'zmienił\\(a\\) temat |zmienił(?:a)? nazwę grupy ',
    icon: 'zmienił\\(a\\) ikonę tej grupy|zmienił(?:a)? ikonę grupy',
  },
  {
    language: 'cs',
    source: 'seen',
    mediaOmitted: ['<Média vynechány>'],
    fileAttached: ['soubor byl přiložen'],
    attached: ['příloha'],
    omitted: {
      image: 'obrázek vynechán',
      video: 'video vynecháno',
      sticker: 'nálepka vynechána',
      gif: 'GIF vynechán',
      document: 'dokument vynechán',
      contact: 'Vizitka vynechána',
    },
    deleted: ['Tato zpráva byla smazána', 'Tuto zprávu jste smazal/a'],
    edited: ['<Tato zpráva byla upravena>'],
    encrypted: 'Zprávy a hovory jsou opatřeny koncovým šifrováním|Zprávy a hovory jsou zabezpečeny',
    securityCode: '^Váš bezpečnostní kód s .* se změnil',
    missedVoiceCall: ['Zmeškaný hovor', 'Zmeškaný hlasový hovor'],
    missedVideoCall: ['Zmeškaný videohovor'],
    joined: 'se připojil(?:a)? pomocí odkazu s pozvánkou',
    left: ' odešel$| odešla$|^Odešli jste$',
    added: ' přidal(?:a)? ',
    removed: ' odebral(?:a)? ',
    subject: 'změnil(?:a)? předmět |změnil(?:a)? název skupiny ',
    icon: 'změnil(?:a)? ikonu této skupiny',
  },
  {
    language: 'ar',
    source: 'parser',
    mediaOmitted: ['<تم استبعاد الوسائط>', '<الوسائط غير مضمنة>'],
    fileAttached: ['الملف مرفق'],
    attached: ['المُرفق'],
    omitted: {
      image: 'لم يتم إدراج الصورة',
      video: 'لم يتم إدراج الفيديوهات',
      audio: 'لم يتم إدراج المقاطع الصوتية',
      sticker: 'تم حذف الملصقات',
      gif: 'لم يتم إدراج صورة GIF',
      document: 'لم يتم إدراج المستند',
      contact: 'لم يتم إدراج بطاقة جهة اتصال',
    },
    deleted: ['تم حذف هذه الرسالة', 'لقد حذفت هذه الرسالة'],
    edited: ['<تم تعديل هذه الرسالة>'],
    encrypted: 'مشفرة تمامًا بين الطرفين|مشفّرة تمامًا بين الطرفين',
    securityCode: '^تغير رمز الأمان الخاص بك مع ',
    missedVoiceCall: ['مكالمة صوتية فائتة'],
    missedVideoCall: ['مكالمة فيديو فائتة'],
    joined: 'انضم باستخدام رابط الدعوة',
    left: ' غادر$| غادرت$|^لقد غادرت$',
    added: ' أضاف | أضافت |^لقد أضفت ',
    removed: ' أزال | أزالت |^لقد أزلت ',
    subject: 'غيّر الموضوع |غيّر اسم المجموعة |غير اسم المجموعة ',
    icon: 'غيّر صورة هذه المجموعة|غير صورة هذه المجموعة',
  },
  {
    language: 'fa',
    source: 'parser',
    mediaOmitted: ['<رسانه حذف شد>', '< پيوست نما/آهنگ حذف شد >'],
    fileAttached: [],
    fileAttachedBefore: ['فایل پیوست شد'],
    attached: ['پیوست'],
    omitted: {
      image: 'تصویر حذف شد',
      video: 'ویدیو حذف شد',
      audio: 'صدا حذف شد',
      sticker: 'استیکر حذف شد',
      gif: 'GIF حذف شد',
      document: 'سند حذف شد',
      contact: 'برگ مخاطب حذف شد',
    },
    deleted: ['این پیام حذف شد', 'این پیام حذف شده است', 'شما این پیام را حذف کردید'],
    edited: ['<این پیام ویرایش شد>'],
    // The source table lost its zero-width non-joiners (پیامها for پیام‌ها): both parts match either way.
    encrypted: 'سرتاسر رمزگذاری|رمزگذاری سرتاسری',
    securityCode: '^کد امنیتی شما با .* تغییر کرد',
    missedVoiceCall: ['تماس صوتی پاسخ داده نشده'],
    missedVideoCall: ['تماس تصویری پاسخ داده نشده', 'تماس تصویری بی\u200Cپاسخ'],
    // Group events: WhatsApp iOS Localizable.strings (§4.1). Ys<&L writes كرد with an Arabic kaf.
    created: 'گروه «.*» را ایجاد کرد|این گروه را ایجاد کرد',
    joined: 'با استفاده از پیوند دعوت .*پیوست|با لینک دعوت به (?:این )?گروه پیوست',
    left: ' گروه را ترک کرد$',
    added: ' اضافه کرد$|را اضافه کردید$|توسط .+ اضافه شد$',
    removed: ' را حذف [کك]رد$',
    subject: 'موضوع را به .* تغییر داد',
    icon: 'علامت این گروه را (?:تغییر داد|پاک کرد)',
  },
  {
    language: 'hi',
    source: 'seen',
    mediaOmitted: ['<मीडिया के बिना>'],
    fileAttached: ['फाइल अटैच कर दी गई है'],
    attached: ['अटैच किया गया'],
    omitted: {
      image: 'फ\u093Cोटो हटाई गई',
      video: 'वीडियो छोड़ा गया',
      audio: 'ऑडियो हटाई गयी',
      sticker: 'स्टिकर छोड़ा गया',
      gif: 'GIF छोड़ा गया',
      document: 'डॉक्यूमेंट छोड़ा गया',
      contact: 'कॉन्टैक्ट कार्ड छोड़ा गया',
    },
    deleted: ['यह मैसेज डिलीट कर दिया गया है', 'आपने यह मैसेज डिलीट किया', 'यह संदेश मिटाया गया', 'आपने यह संदेश मिटाया'],
    edited: ['<यह मैसेज एडिट किया गया>'],
    encrypted: 'एंड-टू-एंड एन्क्रिप्टेड',
    securityCode: '^.* के लिए आपका सुरक्षा कोड बदल गया',
    missedVoiceCall: ['मिस्ड वॉइस कॉल', 'वॉइस कॉल मिस हुई', 'छूटी हुई ध्वनि कॉल'],
    missedVideoCall: ['मिस्ड वीडियो कॉल', 'छूटी हुई विडियो कॉल'],
    // Group events: WhatsApp iOS Localizable.strings (§4.1).
    created: ' ने यह ग्रुप बनाया$| ने ग्रुप .+ बनाया$|^आपने ग्रुप .+ बनाया$',
    joined: 'आमंत्रण लिंक का इस्तेमाल करके ग्रुप में शामिल',
    left: ' ने छोड़ा$',
    added: ' ने .* को शामिल किया$| ने आपको शामिल किया$|^आपने .* को शामिल किया$',
    removed: ' ने .* को हटाया$| ने आपको हटाया$',
    subject: 'ने ग्रुप का नाम बदलकर ',
    icon: 'ने इस ग्रुप की फ़ोटो (?:बदली|डिलीट की)',
  },
];
