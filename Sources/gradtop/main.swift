print("gradtop")
