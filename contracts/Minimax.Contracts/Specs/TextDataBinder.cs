namespace Minimax.Contracts.Specs;

/// <summary>Binds the data section of a text corpus (format text_folders or jsonl).</summary>
internal static class TextDataBinder
{
    public const int MaxDomainFieldLength = 200;

    public static DataSpec Bind(SpecNode node, string specDirectory)
    {
        var fields = node.Fields("format", "train", "heldout", "heldout_fraction", "text_field", "domain_field", "tokenizer", "mixture");
        var format = RunSpecReader.Required(fields, "format", "data.format").Enum<DataFormat>();
        var defaults = new DataSpec { Train = "", Val = "", Test = "", Label = "" };
        if (format == DataFormat.TextFolders && fields.TryGetValue("domain_field", out var domainField))
        {
            throw domainField.Error("only format jsonl reads domain names from records; text_folders takes them from folder names");
        }

        var heldout = fields.TryGetValue("heldout", out var heldoutNode) ? RunSpecReader.ResolvePath(heldoutNode, specDirectory) : null;
        if (heldout is not null && fields.TryGetValue("heldout_fraction", out var fraction))
        {
            throw fraction.Error("set data.heldout or data.heldout_fraction, not both");
        }

        return defaults with
        {
            Format = format,
            Train = RunSpecReader.ResolvePath(RunSpecReader.Required(fields, "train", "data.train"), specDirectory),
            Heldout = heldout,
            HeldoutFraction = fields.TryGetValue("heldout_fraction", out var heldoutFraction)
                ? heldoutFraction.Double(0, minExclusive: true, max: 1, maxExclusive: true)
                : defaults.HeldoutFraction,
            TextField = fields.TryGetValue("text_field", out var textField) ? FieldPath(textField) : defaults.TextField,
            DomainField = fields.TryGetValue("domain_field", out var domain) ? FieldPath(domain) : defaults.DomainField,
            Tokenizer = fields.TryGetValue("tokenizer", out var tokenizer) ? tokenizer.Enum<TokenizerKind>() : defaults.Tokenizer,
            Mixture = fields.TryGetValue("mixture", out var mixture) ? DomainWeights(mixture) : defaults.Mixture,
        };
    }

    /// <summary><c>uniform</c>, <c>token_proportional</c> or a mapping of domain name to a non-negative weight.</summary>
    public static DomainWeightsSpec DomainWeights(SpecNode node)
    {
        if (node.IsScalar)
        {
            return node.String().Trim() switch
            {
                "uniform" => DomainWeightsSpec.Uniform,
                "token_proportional" => DomainWeightsSpec.TokenProportional,
                _ => throw node.Error("must be uniform, token_proportional or a mapping of domain name to weight"),
            };
        }

        var entries = node.Entries();
        if (entries.Count == 0)
        {
            throw node.Error("must give a weight for every domain");
        }

        var weights = entries.ToDictionary(entry => entry.Key, entry => entry.Value.Double(0), StringComparer.Ordinal);
        return weights.Values.Sum() > 0
            ? DomainWeightsSpec.Explicit(weights)
            : throw node.Error("the weights must not all be zero");
    }

    private static string FieldPath(SpecNode node)
    {
        var path = node.String().Trim();
        if (path.Length > MaxDomainFieldLength || path.Split('.').Any(segment => segment.Length == 0))
        {
            throw node.Error($"must be a dotted field path like meta.pile_set_name (at most {MaxDomainFieldLength} characters)");
        }

        return path;
    }
}
