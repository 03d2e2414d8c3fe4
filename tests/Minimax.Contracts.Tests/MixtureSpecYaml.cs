using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

/// <summary>The mixture specs the mixture reader tests share, and how they read them.</summary>
internal static class MixtureSpecYaml
{
    internal static readonly string SpecDirectory = Path.Combine(Path.GetTempPath(), "minimax-mixtures");

    /// <summary>The mixture spec from the DoReMi issue.</summary>
    internal const string Issue = """
        kind: doremi
        name: toy-mixture
        seed: 0
        data:
          format: text_folders
          train: corpus/train
          heldout: corpus/heldout
          tokenizer: bytes
        model: { kind: transformer, layers: 2, heads: 4, width: 64, ff: 256, context: 64 }
        doremi:
          reference_weights: uniform
          step_size: 1.0
          smoothing: 0.001
          rounds: 1
          main: true
        training:
          workers: 2
          steps: 1500
          batch_size: 40
          optimizer: { kind: adamw, lr: 0.003, weight_decay: 0.01, warmup: 50 }
        """;

    /// <summary>Only the fields a mixture job needs.</summary>
    internal const string Minimal = """
        kind: doremi
        name: minimal-mixture
        data:
          format: jsonl
          train: pile/train.jsonl
        training:
          steps: 10
        """;

    /// <summary>A language-model training run on a text corpus.</summary>
    internal const string TextRun = """
        name: text-run
        data:
          format: text_folders
          train: corpus/train
          heldout_fraction: 0.2
          mixture: { web: 3, code: 1 }
        model: { kind: transformer, layers: 1, heads: 2, width: 32, ff: 64, context: 16 }
        training:
          steps: 100
          batch_size: 8
        """;

    internal static MixtureSpec Read(string yaml, params string[] overrides) =>
        MixtureSpecReader.Read(yaml, overrides, SpecDirectory);

    internal static SpecException Fails(string yaml, params string[] overrides) =>
        Assert.Throws<SpecException>(() => MixtureSpecReader.Read(yaml, overrides, SpecDirectory));
}
