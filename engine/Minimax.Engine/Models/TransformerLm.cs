using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Minimax.Engine.Models;

/// <summary>
/// A small decoder-only GPT: token and learned position embeddings, pre-LayerNorm causal blocks, a final
/// LayerNorm and an untied LM head. [B, T] int64 token ids (T ≤ Context) → [B, T, VocabularySize] logits.
/// </summary>
public sealed class TransformerLm : nn.Module<Tensor, Tensor>
{
    private readonly Embedding tokenEmbedding;
    private readonly Embedding positionEmbedding;
    private readonly Dropout embeddingDropout;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm finalNorm;
    private readonly Linear head;

    public TransformerLm(TransformerOptions options)
        : base(nameof(TransformerLm))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        tokenEmbedding = nn.Embedding(options.VocabularySize, options.Width);
        positionEmbedding = nn.Embedding(options.Context, options.Width);
        embeddingDropout = nn.Dropout(options.Dropout);
        blocks = nn.ModuleList(Enumerable.Range(0, options.Layers)
            .Select(_ => new TransformerBlock(options.Width, options.Heads, options.Ff, options.Dropout))
            .ToArray());
        finalNorm = nn.LayerNorm(options.Width);
        head = nn.Linear(options.Width, options.VocabularySize);
        RegisterComponents();
    }

    public TransformerOptions Options { get; }

    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 2 || input.shape[1] > Options.Context)
        {
            throw new ArgumentException($"Expected token ids [B, T ≤ {Options.Context}], got [{string.Join(", ", input.shape)}].", nameof(input));
        }

        using var scope = NewDisposeScope();
        var positions = arange(input.shape[1], dtype: ScalarType.Int64, device: input.device);
        var x = embeddingDropout.forward(tokenEmbedding.forward(input) + positionEmbedding.forward(positions));
        foreach (var block in blocks)
        {
            x = block.forward(x);
        }

        return head.forward(finalNorm.forward(x)).MoveToOuterDisposeScope();
    }

    /// <summary>Cross-entropy of each next-token prediction, reduction none: [B, T] inputs and targets → [B, T].</summary>
    public Tensor PerTokenLoss(Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        using var scope = NewDisposeScope();
        var logits = forward(inputs);
        var losses = nn.functional.cross_entropy(
            logits.reshape(-1, Options.VocabularySize), targets.reshape(-1), reduction: nn.Reduction.None);
        return losses.view(targets.shape).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            tokenEmbedding.Dispose();
            positionEmbedding.Dispose();
            embeddingDropout.Dispose();
            blocks.Dispose();
            finalNorm.Dispose();
            head.Dispose();
        }

        base.Dispose(disposing);
    }
}
