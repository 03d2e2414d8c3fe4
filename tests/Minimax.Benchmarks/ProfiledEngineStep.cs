using Minimax.Engine.Data;
using Minimax.Engine.Models;
using Minimax.Engine.Training;
using static TorchSharp.torch;

namespace Minimax.Benchmarks;

/// <summary>
/// A W=1 worker's step without grains, as the profile times it: the foundation MLP, its optimizer and a
/// <see cref="ShardStep"/> over the whole training split, with batches drawn from a fixed seed.
/// Create, use and dispose it on one thread.
/// </summary>
public sealed class ProfiledEngineStep(TabularSplit train, OptimizerOptions options) : IDisposable
{
    private static readonly double[] Coefficients = [1.0 / 256, 1.0 / 256, 1.0 / 256, 1.0 / 256];

    private readonly Mlp _model = Initialized(new Mlp(train.FeatureCount, MlpShape.Foundation.Hidden, 2, MlpActivation.Relu, 0));
    private readonly Random _random = new(5);
    private optim.Optimizer? _optimizer;
    private ShardStep? _step;

    private optim.Optimizer Optimizer => _optimizer ??= OptimizerFactory.Create(options, _model.parameters());

    private ShardStep Step => _step ??= new ShardStep(_model, train, 4);

    public int[] NextRows() => Enumerable.Range(0, MlpShape.Foundation.BatchSize).Select(_ => _random.Next(train.Count)).ToArray();

    public void Forward(int[] rows) => Step.Forward(rows);

    public void Backward() => Step.Backward(Coefficients);

    public void CheckFinite() => ParameterVector.GradientsFinite(_model);

    public void OptimizerStep()
    {
        using (no_grad())
        {
            Optimizer.step();
        }
    }

    public void Dispose()
    {
        _step?.Dispose();
        _optimizer?.Dispose();
        _model.Dispose();
    }

    private static Mlp Initialized(Mlp model)
    {
        ParameterVector.Initialize(model, 1);
        return model;
    }
}
