using Minimax.Engine.Data;

namespace Minimax.Engine.Text;

/// <summary>
/// Reads and tokenises a multi-domain text corpus into a <see cref="TextCorpus"/>: domains ordered by name
/// (ordinal), each domain's documents joined with end-of-text into one token stream, streams cut into windows
/// of context + 1 tokens with stride context, training windows interleaved across domains.
/// </summary>
public static class TextCorpusReader
{
    /// <summary>A cheap check for submit time: the paths exist and the folder layout is right; nothing is tokenised.</summary>
    public static void ValidatePaths(TextDataOptions options)
    {
        CheckOptions(options);
        if (options.Format == TextFormat.Jsonl)
        {
            TextLayout.JsonlFiles(options.Train, options.Roots);
            if (options.Heldout is { } heldout)
            {
                TextLayout.JsonlFiles(heldout, options.Roots);
            }

            return;
        }

        var train = TextLayout.DomainFolders(options.Train, options.MaxDomains, options.Roots).Select(f => f.Domain).ToArray();
        if (options.Heldout is { } heldoutRoot)
        {
            var heldout = TextLayout.DomainFolders(heldoutRoot, options.MaxDomains, options.Roots).Select(f => f.Domain).ToArray();
            var unknown = heldout.FirstOrDefault(d => !train.Contains(d, StringComparer.Ordinal));
            if (unknown is not null)
            {
                throw new DataException(Path.Combine(heldoutRoot, unknown), null, null, $"domain {ContentExcerpt.Quote(unknown)} is not among the training domains: {List(train)}");
            }

            var missing = train.FirstOrDefault(d => !heldout.Contains(d, StringComparer.Ordinal));
            if (missing is not null)
            {
                throw new DataException(heldoutRoot, null, null, $"training domain {ContentExcerpt.Quote(missing)} has no held-out folder");
            }
        }
    }

    public static TextCorpus Read(TextDataOptions options)
    {
        ValidatePaths(options);
        var tokenizer = Tokenizers.Create(options.Tokenizer);
        var train = Tokenize(options, options.Train, tokenizer, null);
        var domains = train.Keys.Order(StringComparer.Ordinal).ToArray();

        ArraySegment<int>[] trainStreams;
        ArraySegment<int>[] heldoutStreams;
        if (options.Heldout is { } heldoutPath)
        {
            var heldout = Tokenize(options, heldoutPath, tokenizer, train);
            var missing = domains.FirstOrDefault(d => !heldout.ContainsKey(d));
            if (missing is not null)
            {
                throw new DataException(heldoutPath, null, null, $"training domain {ContentExcerpt.Quote(missing)} has no held-out text");
            }

            trainStreams = domains.Select(d => RequireWindow(options.Train, "training", train[d], options.Context)).ToArray();
            heldoutStreams = domains.Select(d => RequireWindow(heldoutPath, "held-out", heldout[d], options.Context)).ToArray();
        }
        else
        {
            var split = domains.Select(d => Split(options, train[d])).ToArray();
            trainStreams = split.Select(s => s.Train).ToArray();
            heldoutStreams = split.Select(s => s.Heldout).ToArray();
        }

        return new TextCorpus(
            domains,
            tokenizer.VocabularySize,
            WindowBuilder.Interleave(options.Context, trainStreams),
            WindowBuilder.Interleave(options.Context, heldoutStreams),
            trainStreams.Select(s => (long)s.Count).ToArray());
    }

    private static Dictionary<string, DomainTokens> Tokenize(TextDataOptions options, string path, ITokenizer tokenizer, Dictionary<string, DomainTokens>? trainDomains)
    {
        var domains = new Dictionary<string, DomainTokens>(StringComparer.Ordinal);
        foreach (var document in TextDocuments.Read(options, path))
        {
            if (!domains.TryGetValue(document.Domain, out var tokens))
            {
                if (trainDomains is not null && !trainDomains.ContainsKey(document.Domain))
                {
                    throw new DataException(document.File, document.Line, DomainField(options), $"domain {ContentExcerpt.Quote(document.Domain)} is not among the training domains: {List(trainDomains.Keys)}");
                }

                if (domains.Count == options.MaxDomains)
                {
                    throw new DataException(document.File, document.Line, DomainField(options), $"domain {ContentExcerpt.Quote(document.Domain)} is one more than the {options.MaxDomains} domains allowed (MaxDomains)");
                }

                tokens = new DomainTokens(document.Domain, tokenizer.EndOfText, options.MaxTokensPerDomain);
                domains.Add(document.Domain, tokens);
            }

            tokens.Add(tokenizer.Encode(document.Text), document);
        }

        if (domains.Count == 0)
        {
            throw new DataException(path, null, null, "the corpus holds no documents");
        }

        if (domains.Values.All(d => d.Count == 0))
        {
            throw new DataException(path, null, null, "the corpus holds no text: every document is empty");
        }

        return domains;
    }

    private static ArraySegment<int> RequireWindow(string path, string split, DomainTokens domain, int context)
    {
        if (domain.Count <= context)
        {
            throw new DataException(path, null, null, $"domain {ContentExcerpt.Quote(domain.Name)} has {domain.Count} {split} tokens, fewer than the {context + 1} (context + 1) one window needs");
        }

        return domain.Tokens;
    }

    // The last HeldoutFraction of the domain's tokens, and at least one window, are held out.
    private static (ArraySegment<int> Train, ArraySegment<int> Heldout) Split(TextDataOptions options, DomainTokens domain)
    {
        var window = options.Context + 1;
        var count = domain.Count;
        var heldout = Math.Max(window, (int)(count * options.HeldoutFraction));
        if (count - heldout < window)
        {
            throw new DataException(options.Train, null, null, $"domain {ContentExcerpt.Quote(domain.Name)} has {count} tokens: holding out {Math.Min(heldout, count)} (HeldoutFraction {options.HeldoutFraction}, at least one window of {window}) leaves {Math.Max(count - heldout, 0)} for training, fewer than the {window} one window needs");
        }

        var tokens = domain.Tokens;
        return (tokens[..(count - heldout)], tokens[(count - heldout)..]);
    }

    private static string? DomainField(TextDataOptions options) =>
        options.Format == TextFormat.Jsonl ? options.DomainField : null;

    private static string List(IEnumerable<string> domains) =>
        string.Join(", ", domains.Order(StringComparer.Ordinal).Select(ContentExcerpt.Quote));

    private static void CheckOptions(TextDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Train))
        {
            throw new DataException("The training text path is not set.");
        }

        if (options.Heldout is { } heldout && string.IsNullOrWhiteSpace(heldout))
        {
            throw new DataException("The held-out text path is empty; leave it unset to hold out a fraction of the training text.");
        }

        if (options.Context < 1)
        {
            throw new DataException($"The context must be at least 1 token, not {options.Context}.");
        }

        if (options.Heldout is null && !(options.HeldoutFraction > 0 && options.HeldoutFraction < 1))
        {
            throw new DataException($"The held-out fraction must lie strictly between 0 and 1, not {options.HeldoutFraction}.");
        }

        CheckField(options.TextField, "text");
        if (options.Format == TextFormat.Jsonl)
        {
            CheckField(options.DomainField, "domain");
        }

        if (options.MaxDomains < 1)
        {
            throw new DataException($"MaxDomains must be at least 1, not {options.MaxDomains}.");
        }

        if (options.MaxTokensPerDomain < 1 || options.MaxTokensPerDomain > Array.MaxLength)
        {
            throw new DataException($"MaxTokensPerDomain must lie between 1 and {Array.MaxLength}, not {options.MaxTokensPerDomain}.");
        }
    }

    private static void CheckField(string field, string role)
    {
        if (string.IsNullOrEmpty(field) || field.Split('.').Any(part => part.Length == 0))
        {
            throw new DataException($"The {role} field '{field}' is not a dotted path such as 'meta.pile_set_name'.");
        }
    }
}
