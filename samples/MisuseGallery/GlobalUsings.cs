global using TypedAlg;
