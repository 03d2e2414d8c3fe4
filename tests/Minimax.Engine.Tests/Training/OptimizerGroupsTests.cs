using Minimax.Engine.Models;
using Minimax.Engine.Tests.Models;
using Minimax.Engine.Training;
using TorchSharp;
using AdamW = TorchSharp.Modules.AdamW;
using OptimizerHelper = TorchSharp.Modules.OptimizerHelper;
using static TorchSharp.torch;

namespace Minimax.Engine.Tests.Training;

/// <summary>Biases and normalisation weights in an undecayed parameter group, matrices in the decayed one.</summary>
public sealed class OptimizerGroupsTests
{
    private static readonly OptimizerOptions AdamWOptions =
        new(OptimizerKind.AdamW, 0.1, 0, 0.5, 0.9, 0.99, 1e-6) { SpareBiasesAndNorms = true };

    [Fact]
    public void A_transformer_spares_its_biases_and_layer_norms_and_decays_its_matrices_and_embeddings()
    {
        using var model = TinyLm.Create(seed: 2);
        var named = model.named_parameters().ToList();
        var (decayed, spared) = OptimizerFactory.SplitByDecay(named.Select(p => p.parameter));

        static bool BiasOrNorm(string name) => name.EndsWith(".bias", StringComparison.Ordinal) || name.Contains("Norm.", StringComparison.Ordinal);
        Assert.Equal(named.Where(p => BiasOrNorm(p.name)).Select(p => p.parameter.Handle), spared.Select(p => p.Handle));
        Assert.Equal(named.Where(p => !BiasOrNorm(p.name)).Select(p => p.parameter.Handle), decayed.Select(p => p.Handle));
        Assert.Contains(named, p => p.name == "finalNorm.weight" && spared.Any(s => s.Handle == p.parameter.Handle));
        Assert.Contains(named, p => p.name == "tokenEmbedding.weight" && decayed.Any(d => d.Handle == p.parameter.Handle));

        using var optimizer = OptimizerFactory.Create(AdamWOptions, model.parameters());
        var groups = optimizer.ParamGroups.Cast<AdamW.ParamGroup>().ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(0.5, groups[0].Options.weight_decay);
        Assert.Equal(0.0, groups[1].Options.weight_decay);
        Assert.Equal(decayed.Count, groups[0].Parameters.Count());
        Assert.Equal(spared.Count, groups[1].Parameters.Count());
    }

    [Fact]
    public void AdamW_takes_the_specs_betas_and_eps_in_both_groups()
    {
        using var model = TinyLm.Create(seed: 2);
        using var optimizer = OptimizerFactory.Create(AdamWOptions, model.parameters());

        Assert.All(optimizer.ParamGroups.Cast<AdamW.ParamGroup>(), group =>
        {
            Assert.Equal((0.9, 0.99), group.Betas);
            Assert.Equal(1e-6, group.Options.eps);
            Assert.Equal(0.1, group.LearningRate);
        });
    }

    [Theory]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.Sgd)]
    public void With_a_zero_gradient_a_spared_bias_stays_and_weight_decay_shrinks_the_matrix(OptimizerKind kind)
    {
        var (weight, bias) = StepWithZeroGradient(AdamWOptions with { Kind = kind }, out var weightBefore, out var biasBefore);

        Assert.Equal(biasBefore, bias);
        // AdamW decays decoupled, w *= 1 - lr * wd; SGD adds wd * w to the gradient, w -= lr * wd * w: the same here.
        for (var i = 0; i < weight.Length; i++)
        {
            Assert.Equal(weightBefore[i] * (1 - 0.1f * 0.5f), weight[i], 6);
        }
    }

    [Fact]
    public void Without_the_groups_the_bias_decays_as_well()
    {
        var (_, bias) = StepWithZeroGradient(AdamWOptions with { SpareBiasesAndNorms = false }, out _, out var biasBefore);

        for (var i = 0; i < bias.Length; i++)
        {
            Assert.Equal(biasBefore[i] * (1 - 0.1f * 0.5f), bias[i], 6);
        }
    }

    [Theory]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.Sgd)]
    public void Both_groups_state_saves_and_loads_so_a_restored_optimizer_steps_as_the_original(OptimizerKind kind)
    {
        var options = AdamWOptions with { Kind = kind, Momentum = 0.9 };
        using var model = TinyLm.Create(seed: 6);
        using var optimizer = (OptimizerHelper)OptimizerFactory.Create(options, model.parameters());
        for (var step = 0; step < 3; step++)
        {
            Step(model, optimizer, seed: step);
        }
        using var saved = new MemoryStream();
        using (var writer = new BinaryWriter(saved, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optimizer.save_state_dict(writer);
        }
        var parameters = ParameterVector.Read(model);

        using var restoredModel = TinyLm.Create(seed: 99);
        ParameterVector.Write(restoredModel, parameters);
        using var restored = (OptimizerHelper)OptimizerFactory.Create(options, restoredModel.parameters());
        saved.Position = 0;
        using (var reader = new BinaryReader(saved))
        {
            restored.load_state_dict(reader);
        }
        Step(model, optimizer, seed: 10);
        Step(restoredModel, restored, seed: 10);

        Assert.Equal(ParameterVector.Read(model), ParameterVector.Read(restoredModel));
    }

    private static (float[] Weight, float[] Bias) StepWithZeroGradient(OptimizerOptions options, out float[] weightBefore, out float[] biasBefore)
    {
        using var layer = nn.Linear(3, 2);
        using var optimizer = OptimizerFactory.Create(options, layer.parameters());
        weightBefore = layer.weight!.data<float>().ToArray();
        biasBefore = layer.bias!.data<float>().ToArray();
        using (var scope = NewDisposeScope())
        {
            // A loss that does not depend on the parameters' values: every gradient is exactly zero.
            (layer.weight * 0).sum().add((layer.bias * 0).sum()).backward();
        }
        optimizer.step();
        return (layer.weight.data<float>().ToArray(), layer.bias.data<float>().ToArray());
    }

    private static void Step(TransformerLm model, optim.Optimizer optimizer, int seed)
    {
        using var scope = NewDisposeScope();
        var windows = TinyLm.RandomWindows(count: 4, domains: 1, seed: (ulong)seed);
        var batch = tensor(windows.Tokens, [windows.Count, windows.WindowLength]);
        optimizer.zero_grad();
        model.PerTokenLoss(batch[.., ..TinyLm.Context], batch[.., 1..]).mean().backward();
        optimizer.step();
    }
}
