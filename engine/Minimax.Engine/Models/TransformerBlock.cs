using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Minimax.Engine.Models;

/// <summary>A pre-LayerNorm decoder block: x + attn(ln(x)), then + mlp(ln(x)) with a GELU MLP (GPT-2).</summary>
internal sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm attentionNorm;
    private readonly CausalSelfAttention attention;
    private readonly LayerNorm mlpNorm;
    private readonly Linear expand;
    private readonly GELU activation;
    private readonly Linear contract;
    private readonly Dropout mlpDropout;

    public TransformerBlock(int width, int heads, int ff, double dropout)
        : base(nameof(TransformerBlock))
    {
        attentionNorm = nn.LayerNorm(width);
        attention = new CausalSelfAttention(width, heads, dropout);
        mlpNorm = nn.LayerNorm(width);
        expand = nn.Linear(width, ff);
        activation = nn.GELU();
        contract = nn.Linear(ff, width);
        mlpDropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input + attention.forward(attentionNorm.forward(input));
        var mlp = mlpDropout.forward(contract.forward(activation.forward(expand.forward(mlpNorm.forward(x)))));
        return (x + mlp).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            attentionNorm.Dispose();
            attention.Dispose();
            mlpNorm.Dispose();
            expand.Dispose();
            activation.Dispose();
            contract.Dispose();
            mlpDropout.Dispose();
        }

        base.Dispose(disposing);
    }
}
