using Minimax.Engine.Files;

namespace Minimax.Engine.Text;

/// <summary>
/// Where a multi-domain text corpus lives and how to cut it into windows. With no <paramref name="Heldout"/>
/// path, the last <paramref name="HeldoutFraction"/> of each domain's tokens are held out.
/// <paramref name="TextField"/> and <paramref name="DomainField"/> are dotted paths into each JSON record
/// (e.g. <c>meta.pile_set_name</c>); the domain field is used by the <see cref="TextFormat.Jsonl"/> format only.
/// </summary>
public sealed record TextDataOptions(
    TextFormat Format,
    string Train,
    int Context,
    string? Heldout = null,
    double HeldoutFraction = 0.1,
    string TextField = "text",
    string DomainField = "meta.pile_set_name",
    TokenizerKind Tokenizer = TokenizerKind.Bytes,
    long MaxTokensPerDomain = TextDataOptions.DefaultMaxTokensPerDomain,
    int MaxDomains = TextDataOptions.DefaultMaxDomains)
{
    public const long DefaultMaxTokensPerDomain = 50_000_000;

    /// <summary>Where every file of the corpus must lie; a cluster sets the tenant's roots.</summary>
    public DataRoots Roots { get; init; } = DataRoots.Everywhere;

    public const int DefaultMaxDomains = 256;
}
