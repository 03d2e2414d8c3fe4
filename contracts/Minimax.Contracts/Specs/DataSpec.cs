namespace Minimax.Contracts.Specs;

[GenerateSerializer, Immutable, Alias("minimax.DataSpec")]
public sealed record DataSpec
{
    [Id(0)] public DataFormat Format { get; init; } = DataFormat.Csv;
    [Id(1)] public required string Train { get; init; }
    [Id(2)] public required string Val { get; init; }
    [Id(3)] public required string Test { get; init; }
    [Id(4)] public required string Label { get; init; }
    /// <summary>Column holding the group id; null when <see cref="GroupsBy"/> defines groups.</summary>
    [Id(5)] public string? Group { get; init; }
    /// <summary>Attribute columns; group = label x attribute combination (g = y*A + a).</summary>
    [Id(6)] public IReadOnlyList<string> GroupsBy { get; init; } = [];
    /// <summary>Feature columns; empty means every other numeric column.</summary>
    [Id(7)] public IReadOnlyList<string> Features { get; init; } = [];
    /// <summary>Standardise features with train mean and standard deviation (off unless asked).</summary>
    [Id(8)] public bool Standardize { get; init; }

    // Text corpora (format text_folders or jsonl); Val and Test are empty for them.

    /// <summary>Held-out text in the same layout as <see cref="Train"/>; null splits off <see cref="HeldoutFraction"/> of each domain.</summary>
    [Id(9)] public string? Heldout { get; init; }
    [Id(10)] public double HeldoutFraction { get; init; } = 0.1;
    /// <summary>The JSON field holding a record's text.</summary>
    [Id(11)] public string TextField { get; init; } = "text";
    /// <summary>Dotted path to a record's domain name (format jsonl), like The Pile's meta.pile_set_name.</summary>
    [Id(12)] public string DomainField { get; init; } = "meta.pile_set_name";
    [Id(13)] public TokenizerKind Tokenizer { get; init; } = TokenizerKind.Bytes;
    /// <summary>The domain mixture training batches are drawn from.</summary>
    [Id(14)] public DomainWeightsSpec Mixture { get; init; } = DomainWeightsSpec.Uniform;

    /// <summary>Evaluation data only: the column naming each test example; null means its 0-based row number.</summary>
    [Id(15)] public string? Id { get; init; }

    public bool IsText => Format is DataFormat.TextFolders or DataFormat.Jsonl;
}

public enum DataFormat { Csv, Parquet, TextFolders, Jsonl }

public enum TokenizerKind { Bytes, Gpt2 }
