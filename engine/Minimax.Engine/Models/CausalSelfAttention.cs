using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Minimax.Engine.Models;

/// <summary>Multi-head self-attention in which position t attends only to positions ≤ t.</summary>
internal sealed class CausalSelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly int heads;
    private readonly double dropout;
    private readonly Linear qkv;
    private readonly Linear projection;
    private readonly Dropout residualDropout;

    public CausalSelfAttention(int width, int heads, double dropout)
        : base(nameof(CausalSelfAttention))
    {
        this.heads = heads;
        this.dropout = dropout;
        qkv = nn.Linear(width, 3 * width);
        projection = nn.Linear(width, width);
        residualDropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>[B, T, width] → [B, T, width].</summary>
    public override Tensor forward(Tensor input)
    {
        var (batch, tokens, width) = (input.shape[0], input.shape[1], input.shape[2]);
        using var scope = NewDisposeScope();
        // [B, T, 3, heads, width/heads] → three [B, heads, T, width/heads].
        var split = qkv.forward(input).view(batch, tokens, 3, heads, width / heads).permute(2, 0, 3, 1, 4);
        // TorchSharp 0.107 spells the causal flag "is_casual"; the causality test guards it.
        var attended = nn.functional.scaled_dot_product_attention(
            split[0], split[1], split[2], p: training ? dropout : 0, is_casual: true);
        var merged = attended.transpose(1, 2).reshape(batch, tokens, width);
        return residualDropout.forward(projection.forward(merged)).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            qkv.Dispose();
            projection.Dispose();
            residualDropout.Dispose();
        }

        base.Dispose(disposing);
    }
}
