print("kalends")
