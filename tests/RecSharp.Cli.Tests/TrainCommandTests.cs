using RecSharp.Cli.Commands;

namespace RecSharp.Cli.Tests;

public class TrainCommandTests
{
    [Fact]
    public void AnUnknownModelIsNamedWithEveryFamilysModels() =>
        Assert.Equal("unknown --model 'foo': expected one of pooling, gru4rec, mind, comirec-dr, comirec-sa, itemcf, usercf, bpr, gmf, mlp, neumf, neumf-pretrained, lightgcn, bm3",
            TrainCommand.UnknownModel("foo"));
}
