using Minimax.Contracts.Specs;
using Minimax.Engine.Models;
using Minimax.Grains.Training;

namespace Minimax.Grains.Tests;

/// <summary>training.optimizer.no_decay reaches the replicas' optimizer: auto splits transformers only, so MLP runs step as before.</summary>
public sealed class OptimizerCreationTests
{
    [Theory]
    [InlineData(NoDecayMode.Auto, 1)]
    [InlineData(NoDecayMode.Off, 1)]
    [InlineData(NoDecayMode.On, 2)]
    public void An_mlp_has_one_parameter_group_unless_no_decay_is_on(NoDecayMode mode, int groups)
    {
        var spec = Spec(new ModelSpec { Kind = ModelKind.Mlp, Hidden = [4] }, mode);
        using var model = spec.Model.CreateModel(3, 2);
        using var optimizer = EngineOptions.CreateOptimizer(spec, model);

        Assert.Equal(groups, optimizer.ParamGroups.Count());
    }

    [Theory]
    [InlineData(NoDecayMode.Auto, 2)]
    [InlineData(NoDecayMode.On, 2)]
    [InlineData(NoDecayMode.Off, 1)]
    public void A_transformer_has_an_undecayed_group_unless_no_decay_is_off(NoDecayMode mode, int groups)
    {
        var spec = Spec(new ModelSpec { Kind = ModelKind.Transformer, Layers = 1, Heads = 2, Width = 8, Ff = 16, Context = 4 }, mode);
        using var model = new TransformerLm(spec.Model.ToTransformerOptions(vocabularySize: 11));
        using var optimizer = EngineOptions.CreateOptimizer(spec, model);

        Assert.Equal(groups, optimizer.ParamGroups.Count());
    }

    private static RunSpec Spec(ModelSpec model, NoDecayMode mode) => new()
    {
        Name = "optimizer",
        Data = new DataSpec { Train = "train.csv", Val = "val.csv", Test = "test.csv", Label = "y" },
        Model = model,
        Objective = new ObjectiveSpec(),
        Training = new TrainingSpec
        {
            Steps = 1,
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.AdamW, WeightDecay = 0.01, NoDecay = mode },
        },
    };
}
