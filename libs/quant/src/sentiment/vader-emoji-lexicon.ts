/**
 * VADER's emoji lexicon (vaderSentiment 3.3.2, `vaderSentiment/emoji_utf8_lexicon.txt`), in that
 * file's format: one `emoji<TAB>description` per line. Only its single-code-point entries are kept:
 * VADER looks each code point of a text up on its own, so its multi-code-point entries (emoji with a
 * skin tone, ZWJ sequences, flags, keycaps, variation selectors) can never match and are left out.
 * The descriptions are the Unicode CLDR short names of emoji-test.txt 11.0, from which VADER built
 * the file (additional_resources/build_emoji_lexicon.py); 1,212 entries.
 *
 * VADER: Copyright (c) 2016 C.J. Hutto, MIT License (see ./VADER-LICENSE.txt).
 * Emoji names: Unicode, Inc., Unicode License v3 (https://www.unicode.org/license.txt).
 */
export const VADER_EMOJI_LEXICON = `😀\tgrinning face
😃\tgrinning face with big eyes
😄\tgrinning face with smiling eyes
😁\tbeaming face with smiling eyes
😆\tgrinning squinting face
😅\tgrinning face with sweat
🤣\trolling on the floor laughing
😂\tface with tears of joy
🙂\tslightly smiling face
🙃\tupside-down face
😉\twinking face
😊\tsmiling face with smiling eyes
😇\tsmiling face with halo
🥰\tsmiling face with 3 hearts
😍\tsmiling face with heart-eyes
🤩\tstar-struck
😘\tface blowing a kiss
😗\tkissing face
☺\tsmiling face
😚\tkissing face with closed eyes
😙\tkissing face with smiling eyes
😋\tface savoring food
😛\tface with tongue
😜\twinking face with tongue
🤪\tzany face
😝\tsquinting face with tongue
🤑\tmoney-mouth face
🤗\thugging face
🤭\tface with hand over mouth
🤫\tshushing face
🤔\tthinking face
🤐\tzipper-mouth face
🤨\tface with raised eyebrow
😐\tneutral face
😑\texpressionless face
😶\tface without mouth
😏\tsmirking face
😒\tunamused face
🙄\tface with rolling eyes
😬\tgrimacing face
🤥\tlying face
😌\trelieved face
😔\tpensive face
😪\tsleepy face
🤤\tdrooling face
😴\tsleeping face
😷\tface with medical mask
🤒\tface with thermometer
🤕\tface with head-bandage
🤢\tnauseated face
🤮\tface vomiting
🤧\tsneezing face
🥵\thot face
🥶\tcold face
🥴\twoozy face
😵\tdizzy face
🤯\texploding head
🤠\tcowboy hat face
🥳\tpartying face
😎\tsmiling face with sunglasses
🤓\tnerd face
🧐\tface with monocle
😕\tconfused face
😟\tworried face
🙁\tslightly frowning face
☹\tfrowning face
😮\tface with open mouth
😯\thushed face
😲\tastonished face
😳\tflushed face
🥺\tpleading face
😦\tfrowning face with open mouth
😧\tanguished face
😨\tfearful face
😰\tanxious face with sweat
😥\tsad but relieved face
😢\tcrying face
😭\tloudly crying face
😱\tface screaming in fear
😖\tconfounded face
😣\tpersevering face
😞\tdisappointed face
😓\tdowncast face with sweat
😩\tweary face
😫\ttired face
😤\tface with steam from nose
😡\tpouting face
😠\tangry face
🤬\tface with symbols on mouth
😈\tsmiling face with horns
👿\tangry face with horns
💀\tskull
☠\tskull and crossbones
💩\tpile of poo
🤡\tclown face
👹\togre
👺\tgoblin
👻\tghost
👽\talien
👾\talien monster
🤖\trobot face
😺\tgrinning cat face
😸\tgrinning cat face with smiling eyes
😹\tcat face with tears of joy
😻\tsmiling cat face with heart-eyes
😼\tcat face with wry smile
😽\tkissing cat face
🙀\tweary cat face
😿\tcrying cat face
😾\tpouting cat face
🙈\tsee-no-evil monkey
🙉\thear-no-evil monkey
🙊\tspeak-no-evil monkey
💌\tlove letter
💘\theart with arrow
💝\theart with ribbon
💖\tsparkling heart
💗\tgrowing heart
💓\tbeating heart
💞\trevolving hearts
💕\ttwo hearts
💟\theart decoration
❣\theavy heart exclamation
💔\tbroken heart
❤\tred heart
🧡\torange heart
💛\tyellow heart
💚\tgreen heart
💙\tblue heart
💜\tpurple heart
🖤\tblack heart
💋\tkiss mark
💯\thundred points
💢\tanger symbol
💥\tcollision
💫\tdizzy
💦\tsweat droplets
💨\tdashing away
🕳\thole
💬\tspeech balloon
🗨\tleft speech bubble
🗯\tright anger bubble
💭\tthought balloon
💤\tzzz
👋\twaving hand
🤚\traised back of hand
🖐\thand with fingers splayed
✋\traised hand
🖖\tvulcan salute
👌\tOK hand
✌\tvictory hand
🤞\tcrossed fingers
🤟\tlove-you gesture
🤘\tsign of the horns
🤙\tcall me hand
👈\tbackhand index pointing left
👉\tbackhand index pointing right
👆\tbackhand index pointing up
🖕\tmiddle finger
👇\tbackhand index pointing down
☝\tindex pointing up
👍\tthumbs up
👎\tthumbs down
✊\traised fist
👊\toncoming fist
🤛\tleft-facing fist
🤜\tright-facing fist
👏\tclapping hands
🙌\traising hands
👐\topen hands
🤲\tpalms up together
🤝\thandshake
🙏\tfolded hands
✍\twriting hand
💅\tnail polish
🤳\tselfie
💪\tflexed biceps
🦵\tleg
🦶\tfoot
👂\tear
👃\tnose
🧠\tbrain
🦷\ttooth
🦴\tbone
👀\teyes
👁\teye
👅\ttongue
👄\tmouth
👶\tbaby
🧒\tchild
👦\tboy
👧\tgirl
🧑\tadult
👱\tblond-haired person
👨\tman
🧔\tbearded person
👩\twoman
🧓\tolder adult
👴\told man
👵\told woman
🙍\tperson frowning
🙎\tperson pouting
🙅\tperson gesturing NO
🙆\tperson gesturing OK
💁\tperson tipping hand
🙋\tperson raising hand
🙇\tperson bowing
🤦\tperson facepalming
🤷\tperson shrugging
👮\tpolice officer
🕵\tdetective
💂\tguard
👷\tconstruction worker
🤴\tprince
👸\tprincess
👳\tperson wearing turban
👲\tman with Chinese cap
🧕\twoman with headscarf
🤵\tman in tuxedo
👰\tbride with veil
🤰\tpregnant woman
🤱\tbreast-feeding
👼\tbaby angel
🎅\tSanta Claus
🤶\tMrs. Claus
🦸\tsuperhero
🦹\tsupervillain
🧙\tmage
🧚\tfairy
🧛\tvampire
🧜\tmerperson
🧝\telf
🧞\tgenie
🧟\tzombie
💆\tperson getting massage
💇\tperson getting haircut
🚶\tperson walking
🏃\tperson running
💃\twoman dancing
🕺\tman dancing
🕴\tman in suit levitating
👯\tpeople with bunny ears
🧖\tperson in steamy room
🧗\tperson climbing
🤺\tperson fencing
🏇\thorse racing
⛷\tskier
🏂\tsnowboarder
🏌\tperson golfing
🏄\tperson surfing
🚣\tperson rowing boat
🏊\tperson swimming
⛹\tperson bouncing ball
🏋\tperson lifting weights
🚴\tperson biking
🚵\tperson mountain biking
🤸\tperson cartwheeling
🤼\tpeople wrestling
🤽\tperson playing water polo
🤾\tperson playing handball
🤹\tperson juggling
🧘\tperson in lotus position
🛀\tperson taking bath
🛌\tperson in bed
👭\ttwo women holding hands
👫\tman and woman holding hands
👬\ttwo men holding hands
💏\tkiss
💑\tcouple with heart
👪\tfamily
🗣\tspeaking head
👤\tbust in silhouette
👥\tbusts in silhouette
👣\tfootprints
🏻\tlight skin tone
🏼\tmedium-light skin tone
🏽\tmedium skin tone
🏾\tmedium-dark skin tone
🏿\tdark skin tone
🦰\tred-haired
🦱\tcurly-haired
🦳\twhite-haired
🦲\tbald
🐵\tmonkey face
🐒\tmonkey
🦍\tgorilla
🐶\tdog face
🐕\tdog
🐩\tpoodle
🐺\twolf face
🦊\tfox face
🦝\traccoon
🐱\tcat face
🐈\tcat
🦁\tlion face
🐯\ttiger face
🐅\ttiger
🐆\tleopard
🐴\thorse face
🐎\thorse
🦄\tunicorn face
🦓\tzebra
🦌\tdeer
🐮\tcow face
🐂\tox
🐃\twater buffalo
🐄\tcow
🐷\tpig face
🐖\tpig
🐗\tboar
🐽\tpig nose
🐏\tram
🐑\tewe
🐐\tgoat
🐪\tcamel
🐫\ttwo-hump camel
🦙\tllama
🦒\tgiraffe
🐘\telephant
🦏\trhinoceros
🦛\thippopotamus
🐭\tmouse face
🐁\tmouse
🐀\trat
🐹\thamster face
🐰\trabbit face
🐇\trabbit
🐿\tchipmunk
🦔\thedgehog
🦇\tbat
🐻\tbear face
🐨\tkoala
🐼\tpanda face
🦘\tkangaroo
🦡\tbadger
🐾\tpaw prints
🦃\tturkey
🐔\tchicken
🐓\trooster
🐣\thatching chick
🐤\tbaby chick
🐥\tfront-facing baby chick
🐦\tbird
🐧\tpenguin
🕊\tdove
🦅\teagle
🦆\tduck
🦢\tswan
🦉\towl
🦚\tpeacock
🦜\tparrot
🐸\tfrog face
🐊\tcrocodile
🐢\tturtle
🦎\tlizard
🐍\tsnake
🐲\tdragon face
🐉\tdragon
🦕\tsauropod
🦖\tT-Rex
🐳\tspouting whale
🐋\twhale
🐬\tdolphin
🐟\tfish
🐠\ttropical fish
🐡\tblowfish
🦈\tshark
🐙\toctopus
🐚\tspiral shell
🐌\tsnail
🦋\tbutterfly
🐛\tbug
🐜\tant
🐝\thoneybee
🐞\tlady beetle
🦗\tcricket
🕷\tspider
🕸\tspider web
🦂\tscorpion
🦟\tmosquito
🦠\tmicrobe
💐\tbouquet
🌸\tcherry blossom
💮\twhite flower
🏵\trosette
🌹\trose
🥀\twilted flower
🌺\thibiscus
🌻\tsunflower
🌼\tblossom
🌷\ttulip
🌱\tseedling
🌲\tevergreen tree
🌳\tdeciduous tree
🌴\tpalm tree
🌵\tcactus
🌾\tsheaf of rice
🌿\therb
☘\tshamrock
🍀\tfour leaf clover
🍁\tmaple leaf
🍂\tfallen leaf
🍃\tleaf fluttering in wind
🍄\tmushroom
🍇\tgrapes
🍈\tmelon
🍉\twatermelon
🍊\ttangerine
🍋\tlemon
🍌\tbanana
🍍\tpineapple
🥭\tmango
🍎\tred apple
🍏\tgreen apple
🍐\tpear
🍑\tpeach
🍒\tcherries
🍓\tstrawberry
🥝\tkiwi fruit
🍅\ttomato
🥥\tcoconut
🥑\tavocado
🍆\teggplant
🥔\tpotato
🥕\tcarrot
🌽\tear of corn
🌶\thot pepper
🥒\tcucumber
🥬\tleafy green
🥦\tbroccoli
🥜\tpeanuts
🌰\tchestnut
🍞\tbread
🥐\tcroissant
🥖\tbaguette bread
🥨\tpretzel
🥯\tbagel
🥞\tpancakes
🧀\tcheese wedge
🍖\tmeat on bone
🍗\tpoultry leg
🥩\tcut of meat
🥓\tbacon
🍔\thamburger
🍟\tfrench fries
🍕\tpizza
🌭\thot dog
🥪\tsandwich
🌮\ttaco
🌯\tburrito
🥙\tstuffed flatbread
🥚\tegg
🍳\tcooking
🥘\tshallow pan of food
🍲\tpot of food
🥣\tbowl with spoon
🥗\tgreen salad
🍿\tpopcorn
🧂\tsalt
🥫\tcanned food
🍱\tbento box
🍘\trice cracker
🍙\trice ball
🍚\tcooked rice
🍛\tcurry rice
🍜\tsteaming bowl
🍝\tspaghetti
🍠\troasted sweet potato
🍢\toden
🍣\tsushi
🍤\tfried shrimp
🍥\tfish cake with swirl
🥮\tmoon cake
🍡\tdango
🥟\tdumpling
🥠\tfortune cookie
🥡\ttakeout box
🦀\tcrab
🦞\tlobster
🦐\tshrimp
🦑\tsquid
🍦\tsoft ice cream
🍧\tshaved ice
🍨\tice cream
🍩\tdoughnut
🍪\tcookie
🎂\tbirthday cake
🍰\tshortcake
🧁\tcupcake
🥧\tpie
🍫\tchocolate bar
🍬\tcandy
🍭\tlollipop
🍮\tcustard
🍯\thoney pot
🍼\tbaby bottle
🥛\tglass of milk
☕\thot beverage
🍵\tteacup without handle
🍶\tsake
🍾\tbottle with popping cork
🍷\twine glass
🍸\tcocktail glass
🍹\ttropical drink
🍺\tbeer mug
🍻\tclinking beer mugs
🥂\tclinking glasses
🥃\ttumbler glass
🥤\tcup with straw
🥢\tchopsticks
🍽\tfork and knife with plate
🍴\tfork and knife
🥄\tspoon
🔪\tkitchen knife
🏺\tamphora
🌍\tglobe showing Europe-Africa
🌎\tglobe showing Americas
🌏\tglobe showing Asia-Australia
🌐\tglobe with meridians
🗺\tworld map
🗾\tmap of Japan
🧭\tcompass
🏔\tsnow-capped mountain
⛰\tmountain
🌋\tvolcano
🗻\tmount fuji
🏕\tcamping
🏖\tbeach with umbrella
🏜\tdesert
🏝\tdesert island
🏞\tnational park
🏟\tstadium
🏛\tclassical building
🏗\tbuilding construction
🧱\tbricks
🏘\thouses
🏚\tderelict house
🏠\thouse
🏡\thouse with garden
🏢\toffice building
🏣\tJapanese post office
🏤\tpost office
🏥\thospital
🏦\tbank
🏨\thotel
🏩\tlove hotel
🏪\tconvenience store
🏫\tschool
🏬\tdepartment store
🏭\tfactory
🏯\tJapanese castle
🏰\tcastle
💒\twedding
🗼\tTokyo tower
🗽\tStatue of Liberty
⛪\tchurch
🕌\tmosque
🕍\tsynagogue
⛩\tshinto shrine
🕋\tkaaba
⛲\tfountain
⛺\ttent
🌁\tfoggy
🌃\tnight with stars
🏙\tcityscape
🌄\tsunrise over mountains
🌅\tsunrise
🌆\tcityscape at dusk
🌇\tsunset
🌉\tbridge at night
♨\thot springs
🎠\tcarousel horse
🎡\tferris wheel
🎢\troller coaster
💈\tbarber pole
🎪\tcircus tent
🚂\tlocomotive
🚃\trailway car
🚄\thigh-speed train
🚅\tbullet train
🚆\ttrain
🚇\tmetro
🚈\tlight rail
🚉\tstation
🚊\ttram
🚝\tmonorail
🚞\tmountain railway
🚋\ttram car
🚌\tbus
🚍\toncoming bus
🚎\ttrolleybus
🚐\tminibus
🚑\tambulance
🚒\tfire engine
🚓\tpolice car
🚔\toncoming police car
🚕\ttaxi
🚖\toncoming taxi
🚗\tautomobile
🚘\toncoming automobile
🚙\tsport utility vehicle
🚚\tdelivery truck
🚛\tarticulated lorry
🚜\ttractor
🏎\tracing car
🏍\tmotorcycle
🛵\tmotor scooter
🚲\tbicycle
🛴\tkick scooter
🛹\tskateboard
🚏\tbus stop
🛣\tmotorway
🛤\trailway track
🛢\toil drum
⛽\tfuel pump
🚨\tpolice car light
🚥\thorizontal traffic light
🚦\tvertical traffic light
🛑\tstop sign
🚧\tconstruction
⚓\tanchor
⛵\tsailboat
🛶\tcanoe
🚤\tspeedboat
🛳\tpassenger ship
⛴\tferry
🛥\tmotor boat
🚢\tship
✈\tairplane
🛩\tsmall airplane
🛫\tairplane departure
🛬\tairplane arrival
💺\tseat
🚁\thelicopter
🚟\tsuspension railway
🚠\tmountain cableway
🚡\taerial tramway
🛰\tsatellite
🚀\trocket
🛸\tflying saucer
🛎\tbellhop bell
🧳\tluggage
⌛\thourglass done
⏳\thourglass not done
⌚\twatch
⏰\talarm clock
⏱\tstopwatch
⏲\ttimer clock
🕰\tmantelpiece clock
🕛\ttwelve o’clock
🕧\ttwelve-thirty
🕐\tone o’clock
🕜\tone-thirty
🕑\ttwo o’clock
🕝\ttwo-thirty
🕒\tthree o’clock
🕞\tthree-thirty
🕓\tfour o’clock
🕟\tfour-thirty
🕔\tfive o’clock
🕠\tfive-thirty
🕕\tsix o’clock
🕡\tsix-thirty
🕖\tseven o’clock
🕢\tseven-thirty
🕗\teight o’clock
🕣\teight-thirty
🕘\tnine o’clock
🕤\tnine-thirty
🕙\tten o’clock
🕥\tten-thirty
🕚\televen o’clock
🕦\televen-thirty
🌑\tnew moon
🌒\twaxing crescent moon
🌓\tfirst quarter moon
🌔\twaxing gibbous moon
🌕\tfull moon
🌖\twaning gibbous moon
🌗\tlast quarter moon
🌘\twaning crescent moon
🌙\tcrescent moon
🌚\tnew moon face
🌛\tfirst quarter moon face
🌜\tlast quarter moon face
🌡\tthermometer
☀\tsun
🌝\tfull moon face
🌞\tsun with face
⭐\tstar
🌟\tglowing star
🌠\tshooting star
🌌\tmilky way
☁\tcloud
⛅\tsun behind cloud
⛈\tcloud with lightning and rain
🌤\tsun behind small cloud
🌥\tsun behind large cloud
🌦\tsun behind rain cloud
🌧\tcloud with rain
🌨\tcloud with snow
🌩\tcloud with lightning
🌪\ttornado
🌫\tfog
🌬\twind face
🌀\tcyclone
🌈\trainbow
🌂\tclosed umbrella
☂\tumbrella
☔\tumbrella with rain drops
⛱\tumbrella on ground
⚡\thigh voltage
❄\tsnowflake
☃\tsnowman
⛄\tsnowman without snow
☄\tcomet
🔥\tfire
💧\tdroplet
🌊\twater wave
🎃\tjack-o-lantern
🎄\tChristmas tree
🎆\tfireworks
🎇\tsparkler
🧨\tfirecracker
✨\tsparkles
🎈\tballoon
🎉\tparty popper
🎊\tconfetti ball
🎋\ttanabata tree
🎍\tpine decoration
🎎\tJapanese dolls
🎏\tcarp streamer
🎐\twind chime
🎑\tmoon viewing ceremony
🧧\tred envelope
🎀\tribbon
🎁\twrapped gift
🎗\treminder ribbon
🎟\tadmission tickets
🎫\tticket
🎖\tmilitary medal
🏆\ttrophy
🏅\tsports medal
🥇\t1st place medal
🥈\t2nd place medal
🥉\t3rd place medal
⚽\tsoccer ball
⚾\tbaseball
🥎\tsoftball
🏀\tbasketball
🏐\tvolleyball
🏈\tamerican football
🏉\trugby football
🎾\ttennis
🥏\tflying disc
🎳\tbowling
🏏\tcricket game
🏑\tfield hockey
🏒\tice hockey
🥍\tlacrosse
🏓\tping pong
🏸\tbadminton
🥊\tboxing glove
🥋\tmartial arts uniform
🥅\tgoal net
⛳\tflag in hole
⛸\tice skate
🎣\tfishing pole
🎽\trunning shirt
🎿\tskis
🛷\tsled
🥌\tcurling stone
🎯\tdirect hit
🔫\tpistol
🎱\tpool 8 ball
🔮\tcrystal ball
🎮\tvideo game
🕹\tjoystick
🎰\tslot machine
🎲\tgame die
🧩\tjigsaw
🧸\tteddy bear
♠\tspade suit
♥\theart suit
♦\tdiamond suit
♣\tclub suit
♟\tchess pawn
🃏\tjoker
🀄\tmahjong red dragon
🎴\tflower playing cards
🎭\tperforming arts
🖼\tframed picture
🎨\tartist palette
🧵\tthread
🧶\tyarn
👓\tglasses
🕶\tsunglasses
🥽\tgoggles
🥼\tlab coat
👔\tnecktie
👕\tt-shirt
👖\tjeans
🧣\tscarf
🧤\tgloves
🧥\tcoat
🧦\tsocks
👗\tdress
👘\tkimono
👙\tbikini
👚\twoman’s clothes
👛\tpurse
👜\thandbag
👝\tclutch bag
🛍\tshopping bags
🎒\tschool backpack
👞\tman’s shoe
👟\trunning shoe
🥾\thiking boot
🥿\twoman’s flat shoe
👠\thigh-heeled shoe
👡\twoman’s sandal
👢\twoman’s boot
👑\tcrown
👒\twoman’s hat
🎩\ttop hat
🎓\tgraduation cap
🧢\tbilled cap
⛑\trescue worker’s helmet
📿\tprayer beads
💄\tlipstick
💍\tring
💎\tgem stone
🔇\tmuted speaker
🔈\tspeaker low volume
🔉\tspeaker medium volume
🔊\tspeaker high volume
📢\tloudspeaker
📣\tmegaphone
📯\tpostal horn
🔔\tbell
🔕\tbell with slash
🎼\tmusical score
🎵\tmusical note
🎶\tmusical notes
🎙\tstudio microphone
🎚\tlevel slider
🎛\tcontrol knobs
🎤\tmicrophone
🎧\theadphone
📻\tradio
🎷\tsaxophone
🎸\tguitar
🎹\tmusical keyboard
🎺\ttrumpet
🎻\tviolin
🥁\tdrum
📱\tmobile phone
📲\tmobile phone with arrow
☎\ttelephone
📞\ttelephone receiver
📟\tpager
📠\tfax machine
🔋\tbattery
🔌\telectric plug
💻\tlaptop computer
🖥\tdesktop computer
🖨\tprinter
⌨\tkeyboard
🖱\tcomputer mouse
🖲\ttrackball
💽\tcomputer disk
💾\tfloppy disk
💿\toptical disk
📀\tdvd
🧮\tabacus
🎥\tmovie camera
🎞\tfilm frames
📽\tfilm projector
🎬\tclapper board
📺\ttelevision
📷\tcamera
📸\tcamera with flash
📹\tvideo camera
📼\tvideocassette
🔍\tmagnifying glass tilted left
🔎\tmagnifying glass tilted right
🕯\tcandle
💡\tlight bulb
🔦\tflashlight
🏮\tred paper lantern
📔\tnotebook with decorative cover
📕\tclosed book
📖\topen book
📗\tgreen book
📘\tblue book
📙\torange book
📚\tbooks
📓\tnotebook
📒\tledger
📃\tpage with curl
📜\tscroll
📄\tpage facing up
📰\tnewspaper
🗞\trolled-up newspaper
📑\tbookmark tabs
🔖\tbookmark
🏷\tlabel
💰\tmoney bag
💴\tyen banknote
💵\tdollar banknote
💶\teuro banknote
💷\tpound banknote
💸\tmoney with wings
💳\tcredit card
🧾\treceipt
💹\tchart increasing with yen
✉\tenvelope
📧\te-mail
📨\tincoming envelope
📩\tenvelope with arrow
📤\toutbox tray
📥\tinbox tray
📦\tpackage
📫\tclosed mailbox with raised flag
📪\tclosed mailbox with lowered flag
📬\topen mailbox with raised flag
📭\topen mailbox with lowered flag
📮\tpostbox
🗳\tballot box with ballot
✏\tpencil
✒\tblack nib
🖋\tfountain pen
🖊\tpen
🖌\tpaintbrush
🖍\tcrayon
📝\tmemo
💼\tbriefcase
📁\tfile folder
📂\topen file folder
🗂\tcard index dividers
📅\tcalendar
📆\ttear-off calendar
🗒\tspiral notepad
🗓\tspiral calendar
📇\tcard index
📈\tchart increasing
📉\tchart decreasing
📊\tbar chart
📋\tclipboard
📌\tpushpin
📍\tround pushpin
📎\tpaperclip
🖇\tlinked paperclips
📏\tstraight ruler
📐\ttriangular ruler
✂\tscissors
🗃\tcard file box
🗄\tfile cabinet
🗑\twastebasket
🔒\tlocked
🔓\tunlocked
🔏\tlocked with pen
🔐\tlocked with key
🔑\tkey
🗝\told key
🔨\thammer
⛏\tpick
⚒\thammer and pick
🛠\thammer and wrench
🗡\tdagger
⚔\tcrossed swords
💣\tbomb
🏹\tbow and arrow
🛡\tshield
🔧\twrench
🔩\tnut and bolt
⚙\tgear
🗜\tclamp
⚖\tbalance scale
🔗\tlink
⛓\tchains
🧰\ttoolbox
🧲\tmagnet
⚗\talembic
🧪\ttest tube
🧫\tpetri dish
🧬\tdna
🔬\tmicroscope
🔭\ttelescope
📡\tsatellite antenna
💉\tsyringe
💊\tpill
🚪\tdoor
🛏\tbed
🛋\tcouch and lamp
🚽\ttoilet
🚿\tshower
🛁\tbathtub
🧴\tlotion bottle
🧷\tsafety pin
🧹\tbroom
🧺\tbasket
🧻\troll of paper
🧼\tsoap
🧽\tsponge
🧯\tfire extinguisher
🛒\tshopping cart
🚬\tcigarette
⚰\tcoffin
⚱\tfuneral urn
🧿\tnazar amulet
🗿\tmoai
🏧\tATM sign
🚮\tlitter in bin sign
🚰\tpotable water
♿\twheelchair symbol
🚹\tmen’s room
🚺\twomen’s room
🚻\trestroom
🚼\tbaby symbol
🚾\twater closet
🛂\tpassport control
🛃\tcustoms
🛄\tbaggage claim
🛅\tleft luggage
⚠\twarning
🚸\tchildren crossing
⛔\tno entry
🚫\tprohibited
🚳\tno bicycles
🚭\tno smoking
🚯\tno littering
🚱\tnon-potable water
🚷\tno pedestrians
📵\tno mobile phones
🔞\tno one under eighteen
☢\tradioactive
☣\tbiohazard
⬆\tup arrow
↗\tup-right arrow
➡\tright arrow
↘\tdown-right arrow
⬇\tdown arrow
↙\tdown-left arrow
⬅\tleft arrow
↖\tup-left arrow
↕\tup-down arrow
↔\tleft-right arrow
↩\tright arrow curving left
↪\tleft arrow curving right
⤴\tright arrow curving up
⤵\tright arrow curving down
🔃\tclockwise vertical arrows
🔄\tcounterclockwise arrows button
🔙\tBACK arrow
🔚\tEND arrow
🔛\tON! arrow
🔜\tSOON arrow
🔝\tTOP arrow
🛐\tplace of worship
⚛\tatom symbol
🕉\tom
✡\tstar of David
☸\twheel of dharma
☯\tyin yang
✝\tlatin cross
☦\torthodox cross
☪\tstar and crescent
☮\tpeace symbol
🕎\tmenorah
🔯\tdotted six-pointed star
♈\tAries
♉\tTaurus
♊\tGemini
♋\tCancer
♌\tLeo
♍\tVirgo
♎\tLibra
♏\tScorpio
♐\tSagittarius
♑\tCapricorn
♒\tAquarius
♓\tPisces
⛎\tOphiuchus
🔀\tshuffle tracks button
🔁\trepeat button
🔂\trepeat single button
▶\tplay button
⏩\tfast-forward button
⏭\tnext track button
⏯\tplay or pause button
◀\treverse button
⏪\tfast reverse button
⏮\tlast track button
🔼\tupwards button
⏫\tfast up button
🔽\tdownwards button
⏬\tfast down button
⏸\tpause button
⏹\tstop button
⏺\trecord button
⏏\teject button
🎦\tcinema
🔅\tdim button
🔆\tbright button
📶\tantenna bars
📳\tvibration mode
📴\tmobile phone off
♀\tfemale sign
♂\tmale sign
✖\theavy multiplication x
➕\theavy plus sign
➖\theavy minus sign
➗\theavy division sign
♾\tinfinity
‼\tdouble exclamation mark
⁉\texclamation question mark
❓\tquestion mark
❔\twhite question mark
❕\twhite exclamation mark
❗\texclamation mark
〰\twavy dash
💱\tcurrency exchange
💲\theavy dollar sign
⚕\tmedical symbol
♻\trecycling symbol
⚜\tfleur-de-lis
🔱\ttrident emblem
📛\tname badge
🔰\tJapanese symbol for beginner
⭕\theavy large circle
✅\twhite heavy check mark
☑\tballot box with check
✔\theavy check mark
❌\tcross mark
❎\tcross mark button
➰\tcurly loop
➿\tdouble curly loop
〽\tpart alternation mark
✳\teight-spoked asterisk
✴\teight-pointed star
❇\tsparkle
©\tcopyright
®\tregistered
™\ttrade mark
🔟\tkeycap: 10
🔠\tinput latin uppercase
🔡\tinput latin lowercase
🔢\tinput numbers
🔣\tinput symbols
🔤\tinput latin letters
🅰\tA button (blood type)
🆎\tAB button (blood type)
🅱\tB button (blood type)
🆑\tCL button
🆒\tCOOL button
🆓\tFREE button
ℹ\tinformation
🆔\tID button
Ⓜ\tcircled M
🆕\tNEW button
🆖\tNG button
🅾\tO button (blood type)
🆗\tOK button
🅿\tP button
🆘\tSOS button
🆙\tUP! button
🆚\tVS button
🈁\tJapanese “here” button
🈂\tJapanese “service charge” button
🈷\tJapanese “monthly amount” button
🈶\tJapanese “not free of charge” button
🈯\tJapanese “reserved” button
🉐\tJapanese “bargain” button
🈹\tJapanese “discount” button
🈚\tJapanese “free of charge” button
🈲\tJapanese “prohibited” button
🉑\tJapanese “acceptable” button
🈸\tJapanese “application” button
🈴\tJapanese “passing grade” button
🈳\tJapanese “vacancy” button
㊗\tJapanese “congratulations” button
㊙\tJapanese “secret” button
🈺\tJapanese “open for business” button
🈵\tJapanese “no vacancy” button
🔴\tred circle
🔵\tblue circle
⚫\tblack circle
⚪\twhite circle
⬛\tblack large square
⬜\twhite large square
◼\tblack medium square
◻\twhite medium square
◾\tblack medium-small square
◽\twhite medium-small square
▪\tblack small square
▫\twhite small square
🔶\tlarge orange diamond
🔷\tlarge blue diamond
🔸\tsmall orange diamond
🔹\tsmall blue diamond
🔺\tred triangle pointed up
🔻\tred triangle pointed down
💠\tdiamond with a dot
🔘\tradio button
🔳\twhite square button
🔲\tblack square button
🏁\tchequered flag
🚩\ttriangular flag
🎌\tcrossed flags
🏴\tblack flag
🏳\twhite flag
`;
