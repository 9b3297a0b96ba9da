namespace LineAgent.FakeMessages.Ax;

/// <summary>The macOS versions whose Messages tree the fake models (reference accessibility-automation.md §7.2).</summary>
public enum MacVersion
{
    /// <summary>Ventura: "React" action, eight picker buttons, empty container descriptions.</summary>
    V13 = 13,
    /// <summary>Sonoma: as 13 (To-field used as the selection check).</summary>
    V14 = 14,
    /// <summary>Sequoia: "React" action, TapbackPickerCollectionView with identified buttons.</summary>
    V15 = 15,
    /// <summary>Tahoe: "Tapback" action, SceneWindow, "Sticker" cells, described containers, ConversationTitle.</summary>
    V26 = 26,
}

/// <summary>
/// The fake's localisation tables, answered at run time as Messages' own bundles would be. English values are the
/// ones peers measured (BP-loc 26.0, Beeper, blip); every other locale's values are MODELLED stand-ins (not Apple's
/// strings) that exist so a navigator that hard-codes English fails here.
/// </summary>
public static class AxLocalisation
{
    public static readonly IReadOnlyList<string> Locales = ["en", "de", "fr"];

    /// <summary>The value of <paramref name="key"/> for <paramref name="locale"/> on <paramref name="version"/>; null when the table has no such key.</summary>
    public static string? Lookup(string locale, MacVersion version, string key)
    {
        var table = locale switch { "de" => German, "fr" => French, _ => English };
        if (key == "acknowledgments.action.title")
            return version >= MacVersion.V26 ? "Tapback" : table[key];   // BP-loc 26.0: "Tapback" in de/fr/ja/es too
        return table.TryGetValue(key, out var value) ? value : null;
    }

    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["acknowledgments.action.title"] = "React",
        ["balloon.message.reply"] = "Reply",
        ["edit.button"] = "Edit",
        ["editing.confirm.button"] = "Send edit",
        ["editing.reject.button"] = "Cancel edit",
        ["group.reply.collection"] = "Reply transcript",
        ["UNDO_SEND_ACTION"] = "Undo Send",
        ["MARK_AS_READ"] = "Mark as Read",
        ["MARK_AS_UNREAD"] = "Mark as Unread",
        ["MADRID"] = "iMessage",
        ["TEXT_MESSAGE"] = "Text Message",
        ["acknowledgment.type.heart"] = "Heart",
        ["acknowledgment.type.thumbs.up"] = "Thumbs up",
        ["acknowledgment.type.thumbs.down"] = "Thumbs down",
        ["acknowledgment.type.ha"] = "Ha ha!",
        ["acknowledgment.type.exclamation"] = "Exclamation mark",
        ["acknowledgment.type.question.mark"] = "Question mark",
        ["ADD_MEMBER"] = "Add Member",
        ["REMOVE_MEMBER"] = "Remove from Conversation",
    };

    private static readonly Dictionary<string, string> German = new(StringComparer.Ordinal)
    {
        ["acknowledgments.action.title"] = "Reagieren",
        ["balloon.message.reply"] = "Antworten",
        ["edit.button"] = "Bearbeiten",
        ["editing.confirm.button"] = "Bearbeitung senden",
        ["editing.reject.button"] = "Bearbeitung abbrechen",
        ["group.reply.collection"] = "Antwortverlauf",
        ["UNDO_SEND_ACTION"] = "Senden widerrufen",
        ["MARK_AS_READ"] = "Als gelesen markieren",
        ["MARK_AS_UNREAD"] = "Als ungelesen markieren",
        ["MADRID"] = "iMessage",
        ["TEXT_MESSAGE"] = "SMS",
        ["acknowledgment.type.heart"] = "Herz",
        ["acknowledgment.type.thumbs.up"] = "Daumen hoch",
        ["acknowledgment.type.thumbs.down"] = "Daumen runter",
        ["acknowledgment.type.ha"] = "Haha",
        ["acknowledgment.type.exclamation"] = "Ausrufezeichen",
        ["acknowledgment.type.question.mark"] = "Fragezeichen",
        ["ADD_MEMBER"] = "Mitglied hinzufügen",
        ["REMOVE_MEMBER"] = "Aus Konversation entfernen",
    };

    private static readonly Dictionary<string, string> French = new(StringComparer.Ordinal)
    {
        ["acknowledgments.action.title"] = "Réagir",
        ["balloon.message.reply"] = "Répondre",
        ["edit.button"] = "Modifier",
        ["editing.confirm.button"] = "Envoyer la modification",
        ["editing.reject.button"] = "Annuler la modification",
        ["group.reply.collection"] = "Transcription des réponses",
        ["UNDO_SEND_ACTION"] = "Annuler l’envoi",
        ["MARK_AS_READ"] = "Marquer comme lu",
        ["MARK_AS_UNREAD"] = "Marquer comme non lu",
        ["MADRID"] = "iMessage",
        ["TEXT_MESSAGE"] = "SMS/MMS",
        ["acknowledgment.type.heart"] = "Cœur",
        ["acknowledgment.type.thumbs.up"] = "Pouce levé",
        ["acknowledgment.type.thumbs.down"] = "Pouce baissé",
        ["acknowledgment.type.ha"] = "Ha ha !",
        ["acknowledgment.type.exclamation"] = "Point d’exclamation",
        ["acknowledgment.type.question.mark"] = "Point d’interrogation",
        ["ADD_MEMBER"] = "Ajouter un membre",
        ["REMOVE_MEMBER"] = "Retirer de la conversation",
    };
}
