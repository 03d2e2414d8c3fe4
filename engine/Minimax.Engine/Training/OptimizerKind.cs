namespace Minimax.Engine.Training;

public enum OptimizerKind
{
    Sgd,
    AdamW,
}
